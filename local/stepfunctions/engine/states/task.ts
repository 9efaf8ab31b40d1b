// Task states for the two resources this runtime integrates: arn:aws:states:::lambda:invoke
// and arn:aws:states:::lambda:invoke.waitForTaskToken, calling the host's handlers in-process
// with the event and result shapes AWS uses.
import { randomBytes } from 'node:crypto';
import type { TaskState } from '../../definition.ts';
import { DataLimitExceededError, HeartbeatTimeoutError, RuntimeError, StatesError, statesErrorNames, TaskTimeoutError } from '../../errors.ts';
import type { Json } from '../../jsonata.ts';
import type { HistoryEvent } from '../../store/types.ts';
import { exceedsPayloadLimit } from '../../payload-limit.ts';
import type { StateContext, StateOutcome } from '../state-context.ts';

const lambdaResources = {
  'arn:aws:states:::lambda:invoke': 'invoke',
  'arn:aws:states:::lambda:invoke.waitForTaskToken': 'invoke.waitForTaskToken',
} as const satisfies Record<string, string>;

const outcomeTypes = new Set(['TaskSucceeded', 'TaskFailed', 'TaskTimedOut']);

const execute = (state: TaskState, input: Json, ctx: StateContext): Promise<StateOutcome> =>
  ctx.withRetryAndCatch(state, async () => {
    const result = await runTaskAttempt(state, ctx);
    return ctx.finish(state, result, state, { result });
  });

const runTaskAttempt = async (state: TaskState, ctx: StateContext): Promise<Json> => {
  const resource = lambdaResources[state.Resource as keyof typeof lambdaResources];
  const callback = resource === 'invoke.waitForTaskToken';
  const strand = ctx.strand;

  const timeoutSeconds = await ctx.evaluateInteger(state.TimeoutSeconds, 'TimeoutSeconds', 1);
  const heartbeatSeconds = await ctx.evaluateInteger(state.HeartbeatSeconds, 'HeartbeatSeconds', 1);
  // A replayed attempt must reuse the token it was given: the handler stored it.
  const recordedSchedule = strand.recordedNext();
  const token = callback ? ((recordedSchedule?.details?.taskToken as string | undefined) ?? newTaskToken()) : undefined;
  // ASL: "If Arguments is not provided, the state input is passed as the input to the task."
  const args = state.Arguments === undefined ? ctx.input : await ctx.evaluate(state.Arguments, 'Arguments', { context: token ? { Task: { Token: token } } : undefined });
  const { functionName, payload } = lambdaArguments(args, ctx.name);

  const common = { resourceType: 'lambda', resource };
  const scheduled = strand.emit('TaskScheduled', {
    ...common,
    region: ctx.run.region,
    parameters: JSON.stringify(args),
    ...(timeoutSeconds !== undefined && { timeoutInSeconds: timeoutSeconds }),
    ...(heartbeatSeconds !== undefined && { heartbeatInSeconds: heartbeatSeconds }),
    ...(token && { taskToken: token }),
  });
  if (token) await ctx.run.tokens.register(token, ctx.run.executionArn, scheduled.key);
  await ctx.run.history.flush();
  const started = strand.emit('TaskStarted', common);
  const timeoutAt = timeoutSeconds === undefined ? undefined : started.timestamp + timeoutSeconds * 1000;

  if (!callback) {
    return settle(ctx, common, () => invokeWithTimeout(ctx, functionName, payload, timeoutAt));
  }

  const recordedSubmit = strand.recordedNext();
  if (!recordedSubmit) {
    const submitted = await invokeOrFail(ctx, common, () => invokeWithTimeout(ctx, functionName, payload, timeoutAt));
    strand.emit('TaskSubmitted', { ...common, output: JSON.stringify(submitted), outputDetails: { truncated: false } });
    await ctx.run.history.flush();
  } else if (outcomeTypes.has(recordedSubmit.type)) {
    return replayOutcome(ctx, common);
  } else {
    strand.emit('TaskSubmitted', recordedSubmit.details);
  }

  return settle(ctx, common, async () => {
    const outcome = await ctx.run.tokens.waitForOutcome(token as string, strand, { timeoutAt, heartbeatSeconds, startedAt: started.timestamp });
    if (outcome.status === 'succeeded') return outcome.output;
    throw taskError(outcome.error, outcome.cause, outcome.heartbeatMissed === true);
  });
};

/** Runs the attempt's work once, records its outcome, or replays the recorded one. */
const settle = async (ctx: StateContext, common: Record<string, unknown>, work: () => Promise<Json>): Promise<Json> => {
  if (ctx.strand.recordedNext()) return replayOutcome(ctx, common);
  try {
    const output = await work();
    const serialised = JSON.stringify(output);
    // Recorded on AWS (localstack/localstack test_states_errors.snapshot.json, *_data_limit_exceeded_*):
    // the task fails with TaskFailed, and a Catch (States.ALL too) catches it.
    if (exceedsPayloadLimit(serialised)) throw new DataLimitExceededError(String(common.resourceType));
    ctx.strand.emit('TaskSucceeded', { ...common, output: serialised, outputDetails: { truncated: false } });
    await ctx.run.history.flush();
    return output;
  } catch (error) {
    if (!(error instanceof StatesError)) throw error;
    const type = error.name === statesErrorNames.timeout ? 'TaskTimedOut' : 'TaskFailed';
    ctx.strand.emit(type, { ...common, ...errorDetails(error) });
    await ctx.run.history.flush();
    throw error;
  }
};

const invokeOrFail = async (ctx: StateContext, common: Record<string, unknown>, work: () => Promise<Json>): Promise<Json> => {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof StatesError)) throw error;
    ctx.strand.emit('TaskFailed', { ...common, ...errorDetails(error) });
    await ctx.run.history.flush();
    throw error;
  }
};

const replayOutcome = (ctx: StateContext, common: Record<string, unknown>): Json => {
  const recorded = ctx.strand.recordedNext() as HistoryEvent;
  ctx.strand.emit(recorded.type, { ...common, ...recorded.details });
  if (recorded.type === 'TaskSucceeded') return JSON.parse(recorded.details?.output as string) as Json;
  throw taskError((recorded.details?.error as string | undefined) ?? '', (recorded.details?.cause as string | undefined) ?? '', recorded.details?.heartbeatMissed === true);
};

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

const lambdaArguments = (args: Json, stateName: string): { functionName: string; payload: Json } => {
  if (args === null || typeof args !== 'object' || Array.isArray(args) || typeof args.FunctionName !== 'string') {
    throw new RuntimeError(`The Arguments of state '${stateName}' must be an object with a string FunctionName for a Lambda task`);
  }
  return { functionName: args.FunctionName, payload: (args.Payload ?? {}) as Json };
};

/** lambda:invoke returns the Invoke API response; the handler's value is its Payload. */
const invokeWithTimeout = async (ctx: StateContext, functionName: string, payload: Json, timeoutAt: number | undefined): Promise<Json> => {
  // A running handler is runnable work, not waiting: the strand stays active so `idle()` and
  // the manual clock wait for it to return.
  const invocation = ctx.run.invokeLambda(functionName, payload);
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

const raceClock = <T>(ctx: StateContext, work: Promise<T>, timeoutAt: number): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const cancel = ctx.run.clock.schedule(timeoutAt, () => reject(new TaskTimeoutError()));
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
