// What a state's semantics may use: evaluation, the common tail (Output, Assign, Exited), Retry
// and Catch, the history, the replay wrapper, time, and the host's integrations. The state files
// (states/*.ts) see only this, never the strand, the run or the store.
import type { Branch, Catcher, Retrier, Template } from '../definition.ts';
import type { Json } from '../jsonata.ts';
import type { HistoryEvent } from '../store/types.ts';
import type { Recording } from './replay.ts';
import type { StrandKind } from './strand.ts';
import type { TaskOutcome } from './tokens.ts';

type StateOutcome = { output: Json; next: string } | { output: Json; end: true };

interface StatesExtras {
  result?: Json;
  errorOutput?: Json;
  /** Merged into $states.context (Task.Token, Map.Item). */
  context?: Record<string, unknown>;
}

/** One Parallel branch or Map iteration, run as a child strand of the state. */
interface ChildApi {
  record(type: string, details?: Record<string, unknown>): void;
  /** Records even when the child is being stopped (its closing events). */
  recordFinal(type: string, details?: Record<string, unknown>): void;
  runStates(branch: Branch, input: Json): Promise<Json>;
}

interface ChildWork {
  /** Unique within the state visit, stable across replays (e.g. a0.i3: attempt 0, item 3). */
  key: string;
  run: (child: ChildApi) => Promise<Json>;
}

interface StateApi {
  readonly name: string;
  readonly input: Json;
  /** When the state was entered (epoch ms); a replay reproduces it. */
  readonly enteredAt: number;
  readonly region: string;

  evaluate(template: Template, field: string, extras?: StatesExtras): Promise<Json>;
  /** TimeoutSeconds, HeartbeatSeconds, Seconds, MaxConcurrency: a number or an expression. */
  evaluateInteger(value: number | string | undefined, field: string, minimum: number): Promise<number | undefined>;
  /** An error cause in AWS's words, naming this state and the event that entered it. */
  errorCause(detail: string): string;

  /** Output and Assign (both seeing the variables from state entry), then the Exited event. */
  finish(fields: { Output?: Template; Assign?: Record<string, Template> }, defaultOutput: Json, transition: { Next?: string; End?: boolean }, extras?: StatesExtras): Promise<StateOutcome>;
  withRetryAndCatch(rules: { Retry?: Retrier[]; Catch?: Catcher[] }, attempt: (attemptNumber: number) => Promise<StateOutcome>, finalFailureEvent?: string): Promise<StateOutcome>;

  /** Appends an event to the history; `chain: false` keeps later events pointing at the previous one. */
  record(type: string, details?: Record<string, unknown>, options?: { chain?: boolean }): HistoryEvent;
  /** The replay wrapper: runs a side effect once per execution (see replay.ts). */
  once<T>(recording: Recording<T>, effect: () => Promise<T>): Promise<T>;
  /** The details of the event this state recorded next before a restart; undefined when running fresh. */
  replayedDetails(): Record<string, unknown> | undefined;

  /** Makes the history durable, then waits on the run's clock. */
  waitUntil(dueAt: number): Promise<void>;
  /** Runs `work` when the run's clock reaches `at`; returns a cancel function. */
  schedule(at: number, work: () => void): () => void;

  invokeLambda(functionName: string, payload: Json): Promise<Json>;
  /** Stores a task token for SendTask*, tied to the TaskScheduled event that issued it. */
  registerTaskToken(token: string, scheduled: HistoryEvent): Promise<void>;
  waitForTaskToken(token: string, options: { startedAt: number; timeoutAt?: number; heartbeatSeconds?: number }): Promise<TaskOutcome>;
  /** Runs branches or iterations, the first failure stopping the others; the outputs in order. */
  runChildren(kind: Exclude<StrandKind, 'execution'>, children: ChildWork[], maxConcurrency?: number): Promise<Json[]>;
}

export type { StateApi, StateOutcome, StatesExtras, ChildApi, ChildWork };
