// Everything one state visit needs: its input, the $states variable, evaluation of JSONata
// fields, and the common tail of every state (Output and Assign, then the Exited event). It
// implements the narrow StateApi the state files see, over the strand and the run.
import type { Branch, Catcher, Retrier, State, Template } from '../definition.ts';
import { DataLimitExceededError, HeartbeatTimeoutError, QueryEvaluationError, StatesError, TaskTimeoutError, stateErrorCause } from '../errors.ts';
import { evaluateTemplate, type Json } from '../jsonata.ts';
import type { HistoryEvent } from '../store/types.ts';
import { exceedsPayloadLimit } from '../payload-limit.ts';
import { findCatcher } from './catch.ts';
import { internalEventTypes } from './history.ts';
import { seededRandom } from './random.ts';
import { StateEvaluation } from './state-evaluation.ts';
import { findRetrier, maxAttempts, retryDelayMs } from './retry.ts';
import type { Strand, StrandKind } from './strand.ts';
import { once, type Recording } from './replay.ts';
import { runChildren } from './branches.ts';
import type { ChildApi, ChildWork, StateApi, StateOutcome, StatesExtras } from './state-api.ts';
import type { TaskOutcome } from './tokens.ts';

const retryingStates = new Set(['Task', 'Parallel', 'Map']);

/** Shared by every event: AWS's payload details when nothing was cut. */
const notTruncated = Object.freeze({ truncated: false });

const serialisedValues = (values: Record<string, Json>): Record<string, string> => {
  const serialised: Record<string, string> = {};
  for (const name of Object.keys(values)) serialised[name] = JSON.stringify(values[name]);
  return serialised;
};

// $states.context, built on first read: most expressions never look at it.
const contextBuilder = Symbol('contextBuilder');
const contextProperty: PropertyDescriptor = {
  enumerable: true,
  get(this: { [contextBuilder]: () => Record<string, unknown> }) {
    return this[contextBuilder]();
  },
};

class StateContext implements StateApi {
  retryCount = 0;
  private evaluations = 0;

  constructor(
    readonly strand: Strand,
    readonly name: string,
    readonly state: State,
    readonly input: Json,
    readonly entered: HistoryEvent,
  ) {}

  get run() {
    return this.strand.run;
  }

  get enteredAt(): number {
    return this.entered.timestamp;
  }

  get region(): string {
    return this.run.region;
  }

  record(type: string, details?: Record<string, unknown>, options?: { chain?: boolean }): HistoryEvent {
    return this.strand.emit(type, details, options);
  }

  once<T>(recording: Recording<T>, effect: () => Promise<T>): Promise<T> {
    return once(this.strand, recording, effect);
  }

  replayedDetails(): Record<string, unknown> | undefined {
    return this.strand.recordedNext()?.details;
  }

  async waitUntil(dueAt: number): Promise<void> {
    await this.run.history.flush();
    await this.strand.sleepUntil(dueAt);
  }

  schedule(at: number, work: () => void): () => void {
    return this.run.clock.schedule(at, work);
  }

  invokeLambda(functionName: string, payload: Json): Promise<Json> {
    return this.run.invokeLambda(functionName, payload);
  }

  async registerTaskToken(token: string, scheduled: HistoryEvent): Promise<void> {
    await this.run.tokens.register(token, this.run.executionArn, scheduled.key);
  }

  waitForTaskToken(token: string, options: { startedAt: number; timeoutAt?: number; heartbeatSeconds?: number }): Promise<TaskOutcome> {
    return this.run.tokens.waitForOutcome(token, this.strand, options);
  }

  async runChildren(kind: Exclude<StrandKind, 'execution'>, children: ChildWork[], maxConcurrency = 0): Promise<Json[]> {
    const { results } = await runChildren(
      this.strand,
      kind,
      children.map((work) => ({
        pathSuffix: `${this.entered.key}.${work.key}`,
        run: (strand: Strand) => {
          const child: ChildApi = {
            record: (type, details) => void strand.emit(type, details),
            recordFinal: (type, details) => void strand.emitFinal(type, details),
            runStates: (branch: Branch, input: Json) => this.run.runStates(strand, branch, input),
          };
          return work.run(child);
        },
      })),
      maxConcurrency,
    );
    return results;
  }

  contextObject(extra?: Record<string, unknown>): Record<string, unknown> {
    const state: Record<string, unknown> = { Name: this.name, EnteredTime: new Date(this.entered.timestamp).toISOString() };
    // Only the states that can retry carry RetryCount (as AWS's context object does).
    if (retryingStates.has(this.state.Type)) state.RetryCount = this.retryCount;
    return { ...this.run.contextBase, State: state, ...extra };
  }

  /** An error cause in AWS's words, naming this state and the event that entered it. */
  errorCause(detail: string): string {
    return stateErrorCause(this.name, this.run.history.visibleId(this.entered), detail);
  }

  /** $states: input, result and errorOutput as given; context built on first read (most expressions never look). */
  private statesVariable(extras: StatesExtras): Record<string, unknown> {
    const states: Record<string, unknown> = { input: this.input };
    let context: Record<string, unknown> | undefined;
    Object.defineProperty(states, contextBuilder, { value: () => (context ??= this.contextObject(extras.context)) });
    Object.defineProperty(states, 'context', contextProperty);
    if (extras.result !== undefined) states.result = extras.result;
    if (extras.errorOutput !== undefined) states.errorOutput = extras.errorOutput;
    return states;
  }

  /** Evaluates a field with the variables as they were when the state was entered. */
  evaluate(template: Template, field: string, extras: StatesExtras = {}, variables = this.strand.variables.visible()): Promise<Json> {
    return evaluateTemplate(
      template,
      new StateEvaluation({
        variables,
        states: this.statesVariable(extras),
        field,
        stateName: this.name,
        entered: this.entered,
        history: this.run.history,
        latestEventId: this.strand.lastEventId,
        randomSeed: [this.run.executionArn, this.entered.key, field, String(this.evaluations++)],
      }),
    );
  }

  /** TimeoutSeconds, HeartbeatSeconds, Seconds, MaxConcurrency: a number or an expression. */
  async evaluateInteger(value: number | string | undefined, field: string, minimum: number): Promise<number | undefined> {
    if (value === undefined) return undefined;
    const evaluated = typeof value === 'number' ? value : await this.evaluate(value, field);
    if (typeof evaluated !== 'number' || !Number.isInteger(evaluated) || evaluated < minimum) {
      throw new QueryEvaluationError(this.errorCause(`The value of the field '${field}' must be an integer >= ${minimum}, but was ${JSON.stringify(evaluated)}.`), {
        location: field,
      });
    }
    return evaluated;
  }

  /** Output and Assign are evaluated together, both seeing the variables from state entry. */
  async finish(
    fields: { Output?: Template; Assign?: Record<string, Template> },
    defaultOutput: Json,
    transition: { Next?: string; End?: boolean },
    extras: StatesExtras = {},
  ): Promise<StateOutcome> {
    const variables = this.strand.variables.visible();
    // One after the other: the loop a workflow spends its time in pays for no Promise.all.
    const output = fields.Output === undefined ? defaultOutput : await this.evaluate(fields.Output, 'Output', extras, variables);
    const assigned = fields.Assign === undefined ? undefined : await this.evaluateAssign(fields.Assign, extras, variables);
    return this.exit(output, assigned, transition);
  }

  /** Records the Exited event and the new variables, and says where to go. */
  exit(output: Json, assigned: Record<string, Json> | undefined, transition: { Next?: string; End?: boolean }): StateOutcome {
    const serialised = JSON.stringify(output);
    // Recorded on AWS (localstack/localstack test_states_errors.snapshot.json, test_start_large_input):
    // an output over the quota fails the execution before the state exits; nothing catches it.
    if (exceedsPayloadLimit(serialised)) throw new DataLimitExceededError(this.name, { catchable: false });
    if (assigned) this.strand.variables.assign(assigned);
    this.strand.emit(`${this.state.Type}StateExited`, {
      name: this.name,
      output: serialised,
      outputDetails: notTruncated,
      ...(assigned && { assignedVariables: serialisedValues(assigned), assignedVariablesDetails: notTruncated }),
    });
    return transition.End === true ? { output, end: true } : { output, next: transition.Next as string };
  }

  private async evaluateAssign(assign: Record<string, Template>, extras: StatesExtras, variables: Readonly<Record<string, Json>>) {
    const assigned: Record<string, Json> = {};
    for (const name of Object.keys(assign)) assigned[name] = await this.evaluate(assign[name], `Assign/${name}`, extras, variables);
    return assigned;
  }

  /** Records EvaluationFailed for a JSONata error leaving this state, once, where it happened. */
  reportEvaluationFailure(error: unknown): void {
    if (!(error instanceof QueryEvaluationError) || error.reported) return;
    error.reported = true;
    this.strand.emitFinal('EvaluationFailed', {
      evaluationFailedEventDetails: { state: this.name, error: error.name, cause: error.cause_, ...(error.location && { location: error.location }) },
    });
  }

  /**
   * Runs `attempt` under the state's Retry and Catch rules. Retry counters live here, per
   * state visit: a state entered again starts with fresh counters, as on AWS.
   */
  async withRetryAndCatch(
    rules: { Retry?: Retrier[]; Catch?: Catcher[] },
    attempt: (attemptNumber: number) => Promise<StateOutcome>,
    /** Event recorded once the state has failed for good (AWS: MapStateFailed, ParallelStateFailed). */
    finalFailureEvent?: string,
  ): Promise<StateOutcome> {
    const retriesUsed = new Map<number, number>();
    for (let attemptNumber = 0; ; attemptNumber += 1) {
      try {
        return await attempt(attemptNumber);
      } catch (error) {
        if (!(error instanceof StatesError)) throw error;
        const retrierIndex = findRetrier(rules.Retry, error);
        const retrier = rules.Retry?.[retrierIndex];
        const used = retriesUsed.get(retrierIndex) ?? 0;
        if (retrier && used < maxAttempts(retrier)) {
          retriesUsed.set(retrierIndex, used + 1);
          this.retryCount += 1;
          const delay = retryDelayMs(retrier, used, seededRandom(this.run.executionArn, this.entered.key, 'jitter', String(attemptNumber)));
          // An internal journal entry (hidden from GetExecutionHistory) fixes the wake-up time,
          // so a replay after a restart waits for what is left of the back-off, not all of it.
          const scheduled = this.strand.emit(internalEventTypes.retryScheduled, { dueAt: this.run.clock.now() + delay });
          await this.run.history.flush();
          await this.strand.sleepUntil(scheduled.details?.dueAt as number);
          continue;
        }
        const catcher = findCatcher(rules.Catch, error);
        // AWS records EvaluationFailed before MapStateFailed/ParallelStateFailed (localstack/localstack
        // test_base_scenarios.snapshot.json, test_map_state_items_eval_jsonata_fail).
        if (!catcher) this.reportEvaluationFailure(error);
        if (finalFailureEvent) this.strand.emit(finalFailureEvent);
        if (!catcher) throw error;
        const errorOutput = errorOutputOf(error);
        return this.finish(catcher, errorOutput, { Next: catcher.Next }, { errorOutput });
      }
    }
  }
}

/**
 * $states.errorOutput and a catcher's default output. An error given without a name or cause
 * (SendTaskFailure, Fail) shows them as null; a task timeout's missing cause shows as "", as
 * recorded on AWS (localstack/localstack test_task_service_lambda.snapshot.json, test_invoke_timeout).
 */
const errorOutputOf = (error: StatesError): { Error: string | null; Cause: string | null } => ({
  Error: error.name === '' ? null : error.name,
  Cause: error.cause_ !== '' || error instanceof TaskTimeoutError || error instanceof HeartbeatTimeoutError ? error.cause_ : null,
});

export { StateContext };

