// Types for the parts of Amazon States Language (JSONata) this runtime executes.
// Validation at CreateStateMachine guarantees the shapes; these types only describe them.

type Template = unknown;

interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: 'FULL' | 'NONE';
}

interface Catcher {
  ErrorEquals: string[];
  Next: string;
  Output?: Template;
  Assign?: Record<string, Template>;
}

interface StateBase {
  Type: string;
  Comment?: string;
  Next?: string;
  End?: boolean;
  Output?: Template;
  Assign?: Record<string, Template>;
}

interface PassState extends StateBase {
  Type: 'Pass';
}

interface TaskState extends StateBase {
  Type: 'Task';
  Resource: string;
  Arguments?: Template;
  TimeoutSeconds?: number | string;
  HeartbeatSeconds?: number | string;
  Retry?: Retrier[];
  Catch?: Catcher[];
}

interface ChoiceRule {
  Condition: string;
  Next: string;
  Output?: Template;
  Assign?: Record<string, Template>;
}

interface ChoiceState extends StateBase {
  Type: 'Choice';
  Choices: ChoiceRule[];
  Default?: string;
}

interface WaitState extends StateBase {
  Type: 'Wait';
  Seconds?: number | string;
  Timestamp?: string;
}

interface SucceedState extends StateBase {
  Type: 'Succeed';
}

interface FailState extends StateBase {
  Type: 'Fail';
  Error?: string;
  Cause?: string;
}

interface Branch {
  StartAt: string;
  States: Record<string, State>;
}

interface ParallelState extends StateBase {
  Type: 'Parallel';
  Branches: Branch[];
  Arguments?: Template;
  Retry?: Retrier[];
  Catch?: Catcher[];
}

interface MapState extends StateBase {
  Type: 'Map';
  Items?: Template;
  ItemSelector?: Template;
  MaxConcurrency?: number | string;
  ItemProcessor?: Branch;
  /** The pre-2022 name of ItemProcessor, still accepted by AWS. */
  Iterator?: Branch;
  Retry?: Retrier[];
  Catch?: Catcher[];
}

type State = PassState | TaskState | ChoiceState | WaitState | SucceedState | FailState | ParallelState | MapState;

interface Definition extends Branch {
  Comment?: string;
  QueryLanguage?: 'JSONata' | 'JSONPath';
  TimeoutSeconds?: number;
  Version?: string;
}

export type {
  Template,
  Retrier,
  Catcher,
  State,
  StateBase,
  PassState,
  TaskState,
  ChoiceRule,
  ChoiceState,
  WaitState,
  SucceedState,
  FailState,
  Branch,
  ParallelState,
  MapState,
  Definition,
};
