// One execution, run (or replayed after a restart) from its input to a terminal event.
import type { Branch, Definition, State } from '../definition.ts';
import { ExecutionInterrupted, StatesError, statesErrorNames } from '../errors.ts';
import type { Json } from '../jsonata.ts';
import type { Clock } from '../clock.ts';
import type { ActivityTracker } from '../activity.ts';
import { ExecutionStatus, type ExecutionRecord, type HistoryEvent, type Store } from '../store/types.ts';
import { isSiblingStop } from './branches.ts';
import { HistoryRecorder } from './history.ts';
import { StateContext } from './state-context.ts';
import type { StateApi, StateOutcome } from './state-api.ts';
import { Strand } from './strand.ts';
import { VariableScope } from './variables.ts';
import type { TokenService } from './tokens.ts';
import * as pass from './states/pass.ts';
import * as task from './states/task.ts';
import * as choice from './states/choice.ts';
import * as wait from './states/wait.ts';
import * as succeed from './states/succeed.ts';
import * as fail from './states/fail.ts';
import * as parallel from './states/parallel.ts';
import * as map from './states/map.ts';

/** A state type's semantics: what it does with its input, through the narrow StateApi. */
type StateHandler<S extends State> = (state: S, input: Json, ctx: StateApi) => Promise<StateOutcome>;

const stateHandlers = {
  Pass: pass.execute,
  Task: task.execute,
  Choice: choice.execute,
  Wait: wait.execute,
  Succeed: succeed.execute,
  Fail: fail.execute,
  Parallel: parallel.execute,
  Map: map.execute,
} satisfies { [Type in State['Type']]: StateHandler<Extract<State, { Type: Type }>> };

const notTruncated = Object.freeze({ truncated: false });
const enteredTypes = Object.fromEntries(Object.keys(stateHandlers).map((type) => [type, `${type}StateEntered`])) as Record<State['Type'], string>;

/** Invokes a Lambda function by name or ARN; throws an Error whose name is the errorType. */
type LambdaInvoker = (functionName: string, payload: Json) => Promise<unknown>;

interface RunServices {
  store: Store;
  clock: Clock;
  activity: ActivityTracker;
  tokens: TokenService;
  invokeLambda: LambdaInvoker;
  region: string;
  roleArn: string;
}

class ExecutionRun {
  readonly executionArn: string;
  readonly history: HistoryRecorder;
  readonly contextBase: Record<string, unknown>;
  private readonly controller = new AbortController();
  private abortDetails: { error?: string; cause?: string } = {};
  private readonly definition: Definition;
  private readonly input: Json;

  constructor(
    private readonly record: ExecutionRecord,
    persistedEvents: HistoryEvent[],
    private readonly services: RunServices,
  ) {
    this.executionArn = record.arn;
    this.definition = JSON.parse(record.definition) as Definition;
    this.input = JSON.parse(record.input) as Json;
    this.history = new HistoryRecorder(services.store, record.arn, persistedEvents, () => services.clock.now());
    this.contextBase = {
      Execution: {
        Id: record.arn,
        Input: this.input,
        Name: record.name,
        RoleArn: this.roleArn,
        StartTime: new Date(record.startDate).toISOString(),
        RedriveCount: record.redriveCount ?? 0,
      },
      StateMachine: { Id: record.stateMachineArn, Name: record.stateMachineArn.split(':').pop() },
    };
  }

  /** The state machine's role, as AWS puts it in ExecutionStarted and the context object. */
  get roleArn(): string {
    return this.record.roleArn ?? this.services.roleArn;
  }

  get clock() {
    return this.services.clock;
  }
  get activity() {
    return this.services.activity;
  }
  get tokens() {
    return this.services.tokens;
  }
  get region() {
    return this.services.region;
  }

  async invokeLambda(functionName: string, payload: Json): Promise<Json> {
    try {
      const result = await this.services.invokeLambda(functionName, structuredClone(payload));
      // The Invoke API returns JSON: whatever the handler returned, serialised and parsed.
      return result === undefined ? null : (JSON.parse(JSON.stringify(result)) as Json);
    } catch (error) {
      if (error instanceof StatesError || error instanceof ExecutionInterrupted) throw error;
      const failure = error instanceof Error ? error : new Error(String(error));
      const errorType = failure.name || 'Error';
      throw new StatesError(errorType, JSON.stringify({ errorType, errorMessage: failure.message, trace: (failure.stack ?? '').split('\n') }));
    }
  }

  /** Stops the run; `reason` says how the execution record should end. */
  interrupt(reason: ExecutionInterrupted['reason'], details: { error?: string; cause?: string } = {}): void {
    this.abortDetails = details;
    if (!this.controller.signal.aborted) this.controller.abort(new ExecutionInterrupted(reason));
  }

  async run(): Promise<void> {
    const root = new Strand(this, '', new VariableScope(), this.controller.signal);
    const cancelTimeout = this.scheduleExecutionTimeout();
    this.activity.begin();
    try {
      root.emit('ExecutionStarted', { input: this.record.input, inputDetails: { truncated: false }, roleArn: this.roleArn });
      // As AWS records it, the first state entered points at no earlier event.
      root.lastEventId = 0;
      const output = await this.runStates(root, this.definition, this.input);
      await this.close(root, ExecutionStatus.succeeded, 'ExecutionSucceeded', { output: JSON.stringify(output), outputDetails: { truncated: false } });
    } catch (error) {
      await this.closeAfterError(root, error);
    } finally {
      cancelTimeout();
      this.activity.end();
    }
  }

  async runStates(strand: Strand, branch: Branch, input: Json): Promise<Json> {
    let name = branch.StartAt;
    let current = input;
    for (;;) {
      strand.throwIfInterrupted();
      const outcome = await this.executeState(strand, name, branch.States[name], current);
      if ('end' in outcome) return outcome.output;
      current = outcome.output;
      name = outcome.next;
    }
  }

  private async executeState(strand: Strand, name: string, state: State, input: Json): Promise<StateOutcome> {
    const entered = strand.emit(enteredTypes[state.Type], { name, input: JSON.stringify(input), inputDetails: notTruncated });
    const ctx = new StateContext(strand, name, state, input, entered);
    const handler = stateHandlers[state.Type] as StateHandler<State>;
    try {
      return await handler(state, input, ctx);
    } catch (error) {
      this.recordUncaught(ctx, error);
      throw error;
    }
  }

  /** The events AWS records when an error or a stop leaves a state. */
  private recordUncaught(ctx: StateContext, error: unknown): void {
    ctx.reportEvaluationFailure(error);
    // Inside a Parallel branch the failing state is recorded as aborted; so is the state a
    // branch or iteration was in when a sibling's failure stopped it.
    const { strand, state } = ctx;
    const failedInBranch = error instanceof StatesError && strand.kind === 'branch' && state.Type !== 'Fail';
    if (failedInBranch || (isSiblingStop(error) && strand.kind !== 'execution')) strand.emitFinal(`${state.Type}StateAborted`);
  }

  private scheduleExecutionTimeout(): () => void {
    if (this.definition.TimeoutSeconds === undefined) return () => {};
    // A redriven execution's timeout counts from the redrive.
    const from = this.record.redriveDate ?? this.record.startDate;
    return this.clock.schedule(from + this.definition.TimeoutSeconds * 1000, () => this.interrupt('timed-out'));
  }

  private async closeAfterError(root: Strand, error: unknown): Promise<void> {
    if (error instanceof ExecutionInterrupted) {
      if (error.reason === 'shutdown') return this.history.flush();
      // AWS reports a timed-out execution with no error or cause.
      if (error.reason === 'timed-out') return this.close(root, ExecutionStatus.timedOut, 'ExecutionTimedOut', {});
      return this.close(root, ExecutionStatus.aborted, 'ExecutionAborted', { ...this.abortDetails }, 0);
    }
    const failure =
      error instanceof StatesError
        ? error
        : new StatesError(statesErrorNames.runtime, `Internal error in the local runtime: ${error instanceof Error ? error.message : String(error)}`);
    // A Fail state may leave out Error and Cause; AWS then reports neither.
    return this.close(root, ExecutionStatus.failed, 'ExecutionFailed', {
      ...(failure.name !== '' && { error: failure.name }),
      ...(failure.cause_ !== '' && { cause: failure.cause_ }),
    });
  }

  private async close(
    root: Strand,
    status: ExecutionRecord['status'],
    eventType: string,
    details: Record<string, unknown>,
    previousEventId?: number,
  ): Promise<void> {
    const event = root.emitFinal(eventType, details, { previousEventId });
    await this.history.flush();
    await this.services.store.closeExecution(this.executionArn, {
      status,
      stopDate: event.timestamp,
      ...(typeof details.output === 'string' && { output: details.output }),
      ...(typeof details.error === 'string' && { error: details.error }),
      ...(typeof details.cause === 'string' && { cause: details.cause }),
    });
    await this.services.store.closeTokens(this.executionArn);
  }
}

export { ExecutionRun, stateHandlers };
export type { RunServices, LambdaInvoker };
