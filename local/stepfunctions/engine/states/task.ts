// Task states for the two resources this runtime integrates: arn:aws:states:::lambda:invoke
// and arn:aws:states:::lambda:invoke.waitForTaskToken, calling the host's handlers in-process
// with the event and result shapes AWS uses. Each side effect (the invocation, the wait for
// the callback) runs through the replay wrapper, so a restarted execution never repeats one.
import { randomBytes } from 'node:crypto';
import type { TaskState } from '../../definition.ts';
import { DataLimitExceededError, HeartbeatTimeoutError, RuntimeError, StatesError, statesErrorNames, TaskTimeoutError } from '../../errors.ts';
import type { Json } from '../../jsonata.ts';
import { exceedsPayloadLimit } from '../../payload-limit.ts';
import type { HistoryEvent } from '../../store/types.ts';
import type { Recording } from '../replay.ts';
import type { StateApi, StateOutcome } from '../state-api.ts';

const lambdaResources = {
  'arn:aws:states:::lambda:invoke': 'invoke',
  'arn:aws:states:::lambda:invoke.waitForTaskToken': 'invoke.waitForTaskToken',
} as const satisfies Record<string, string>;

const execute = (state: TaskState, _input: Json, ctx: StateApi): Promise<StateOutcome> =>
  ctx.withRetryAndCatch(state, async () => {
    const result = await runTaskAttempt(state, ctx);
    return ctx.finish(state, result, state, { result });
  });

const runTaskAttempt = async (state: TaskState, ctx: StateApi): Promise<Json> => {
  const resource = lambdaResources[state.Resource as keyof typeof lambdaResources];
  const callback = resource === 'invoke.waitForTaskToken';
  const common = { resourceType: 'lambda', resource };
  const timeoutSeconds = await ctx.evaluateInteger(state.TimeoutSeconds, 'TimeoutSeconds', 1);
  const heartbeatSeconds = await ctx.evaluateInteger(state.HeartbeatSeconds, 'HeartbeatSeconds', 1);
  // A replayed attempt reuses the token it was given: the handler stored it.
  const token = callback ? ((ctx.replayedDetails()?.taskToken as string | undefined) ?? newTaskToken()) : undefined;
  // ASL: "If Arguments is not provided, the state input is passed as the input to the task."
  const args = state.Arguments === undefined ? ctx.input : await ctx.evaluate(state.Arguments, 'Arguments', { context: token ? { Task: { Token: token } } : undefined });
  const { functionName, payload } = lambdaArguments(args, ctx);

  const scheduled = ctx.record('TaskScheduled', {
    ...common,
    region: ctx.region,
    parameters: JSON.stringify(args),
    ...(timeoutSeconds !== undefined && { timeoutInSeconds: timeoutSeconds }),
    ...(heartbeatSeconds !== undefined && { heartbeatInSeconds: heartbeatSeconds }),
    ...(token && { taskToken: token }),
  });
  if (token) await ctx.registerTaskToken(token, scheduled);
  const started = ctx.record('TaskStarted', common);
  const timeoutAt = timeoutSeconds === undefined ? undefined : started.timestamp + timeoutSeconds * 1000;
  const invoke = () => invokeWithTimeout(ctx, functionName, payload, timeoutAt);

  if (!callback) return ctx.once(outcomeRecording(common), async () => withinPayloadLimit(await invoke()));
  // The handler's answer is recorded as TaskSubmitted; the task's result is the callback's.
  await ctx.once(submitRecording(common), invoke);
  return ctx.once(outcomeRecording(common), async () => {
    const outcome = await ctx.waitForTaskToken(token as string, { timeoutAt, heartbeatSeconds, startedAt: started.timestamp });
    if (outcome.status === 'succeeded') return withinPayloadLimit(outcome.output);
    throw taskError(outcome.error, outcome.cause, outcome.heartbeatMissed === true);
  });
};

/**
 * Recorded on AWS (localstack/localstack test_states_errors.snapshot.json, *_data_limit_exceeded_*):
 * a result over the quota fails the task with TaskFailed, and a Catch (States.ALL too) catches it.
 */
const withinPayloadLimit = (result: Json): Json => {
  if (exceedsPayloadLimit(JSON.stringify(result))) throw new DataLimitExceededError('lambda');
  return result;
};

const failureEvent = (common: Record<string, unknown>) => (error: StatesError) => ({
  type: error.name === statesErrorNames.timeout ? 'TaskTimedOut' : 'TaskFailed',
  details: { ...common, ...errorDetails(error) },
});

const replayFailure = (event: HistoryEvent): never => {
  const details = event.details ?? {};
  throw taskError((details.error as string | undefined) ?? '', (details.cause as string | undefined) ?? '', details.heartbeatMissed === true);
};

/** The task's outcome: TaskSucceeded with its result, or TaskFailed / TaskTimedOut. */
const outcomeRecording = (common: Record<string, unknown>): Recording<Json> => ({
  succeeded: (output) => ({ type: 'TaskSucceeded', details: { ...common, output: JSON.stringify(output), outputDetails: { truncated: false } } }),
  failed: failureEvent(common),
  replay: (event) => (event.type === 'TaskSucceeded' ? (JSON.parse(event.details?.output as string) as Json) : replayFailure(event)),
});

/** A callback task's invocation: TaskSubmitted with what the handler returned, or its failure. */
const submitRecording = (common: Record<string, unknown>): Recording<Json> => ({
  succeeded: (output) => ({ type: 'TaskSubmitted', details: { ...common, output: JSON.stringify(output), outputDetails: { truncated: false } } }),
  failed: failureEvent(common),
  replay: (event) => (event.type === 'TaskSubmitted' ? (JSON.parse(event.details?.output as string) as Json) : replayFailure(event)),
});

const taskError = (error: string, cause: string, heartbeatMissed: boolean): StatesError => {
  if (heartbeatMissed) return new HeartbeatTimeoutError();
  return error === statesErrorNames.timeout ? new TaskTimeoutError(cause) : new StatesError(error, cause);
};

/**
 * AWS leaves out an error or cause that was not given (SendTaskFailure without them, a timeout's
 * cause). `heartbeatMissed` is the runtime's own journal field (hidden from the API), so a replay
 * raises the same error the first run did.
 */
const errorDetails = (error: StatesError) => ({
  ...(error.name !== '' && { error: error.name }),
  ...(error.cause_ !== '' && { cause: error.cause_ }),
  ...(error instanceof HeartbeatTimeoutError && { heartbeatMissed: true }),
});

const lambdaArguments = (args: Json, ctx: StateApi): { functionName: string; payload: Json } => {
  if (args === null || typeof args !== 'object' || Array.isArray(args) || typeof args.FunctionName !== 'string') {
    throw new RuntimeError(ctx.errorCause('The Arguments of a Lambda task must be an object with a string FunctionName.'));
  }
  return { functionName: args.FunctionName, payload: (args.Payload ?? {}) as Json };
};

/** lambda:invoke returns the Invoke API response; the handler's value is its Payload. */
const invokeWithTimeout = async (ctx: StateApi, functionName: string, payload: Json, timeoutAt: number | undefined): Promise<Json> => {
  // A running handler is runnable work, not waiting: `idle()` and the manual clock wait for it.
  const invocation = ctx.invokeLambda(functionName, payload);
  const payloadOut = timeoutAt === undefined ? await invocation : await raceClock(ctx, invocation, timeoutAt);
  const requestId = randomBytes(16).toString('hex');
  const headers = { 'Content-Type': 'application/json', 'X-Amz-Executed-Version': '$LATEST', 'x-amzn-Remapped-Content-Length': '0', 'x-amzn-RequestId': requestId };
  return {
    ExecutedVersion: '$LATEST',
    Payload: payloadOut,
    SdkHttpMetadata: { AllHttpHeaders: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]])), HttpHeaders: headers, HttpStatusCode: 200 },
    SdkResponseMetadata: { RequestId: requestId },
    StatusCode: 200,
  };
};

const raceClock = <T>(ctx: StateApi, work: Promise<T>, timeoutAt: number): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const cancel = ctx.schedule(timeoutAt, () => reject(new TaskTimeoutError()));
    work.then(
      (value) => {
        cancel();
        resolve(value);
      },
      (error) => {
        cancel();
        reject(error);
      },
    );
  });

// Opaque and unguessable: a token is a credential to complete a human step.
const newTaskToken = (): string => `AQ${randomBytes(48).toString('base64url')}`;

export { execute, lambdaResources };
