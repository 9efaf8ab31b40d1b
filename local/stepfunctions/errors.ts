// Errors of two kinds:
// - StatesError: an error *inside* an execution. Its `name` is the ASL error code that Retry
//   and Catch match on (AWS: "Error handling in Step Functions"), e.g. States.Timeout.
// - ApiError: an error *answering an API call*, serialised as AWS JSON 1.0 `{__type, message}`.

class StatesError extends Error {
  /** The error's cause as AWS reports it; '' when there is none. */
  readonly cause_: string;
  /** States.Runtime (and a few others) end the execution whatever Retry/Catch say. */
  readonly catchable: boolean;
  /** Further names Retry and Catch match this error by. */
  readonly aliases: readonly string[];

  constructor(name: string, cause: string, options?: ErrorOptions & { catchable?: boolean; aliases?: readonly string[] }) {
    super(cause, options);
    this.name = name;
    this.cause_ = cause;
    this.catchable = options?.catchable ?? true;
    this.aliases = options?.aliases ?? [];
  }
}

const statesErrorNames = {
  all: 'States.ALL',
  taskFailed: 'States.TaskFailed',
  timeout: 'States.Timeout',
  heartbeatTimeout: 'States.HeartbeatTimeout',
  queryEvaluation: 'States.QueryEvaluationError',
  runtime: 'States.Runtime',
  noChoiceMatched: 'States.NoChoiceMatched',
  branchFailed: 'States.BranchFailed',
  dataLimitExceeded: 'States.DataLimitExceeded',
} as const;

/**
 * How AWS opens the cause of an error raised while a state runs (recorded on AWS in
 * localstack/localstack's snapshot tests, e.g. test_base_scenarios.snapshot.json):
 * "An error occurred while executing the state 'X' (entered at the event id #N). <detail>".
 */
const stateErrorCause = (stateName: string, enteredEventId: number, detail: string): string =>
  `An error occurred while executing the state '${stateName}' (entered at the event id #${enteredEventId}). ${detail}`;

class QueryEvaluationError extends StatesError {
  /** The field that failed, e.g. Output/result: the EvaluationFailed event's location. */
  readonly location?: string;
  /** Set once its EvaluationFailed event is recorded, so enclosing states do not record it again. */
  reported = false;

  constructor(cause: string, options?: ErrorOptions & { location?: string }) {
    super(statesErrorNames.queryEvaluation, cause, options);
    this.location = options?.location;
  }
}

/** AWS: "States.Runtime ... is not retriable, and will always cause the execution to fail." */
class RuntimeError extends StatesError {
  constructor(cause: string, options?: ErrorOptions) {
    super(statesErrorNames.runtime, cause, { ...options, catchable: false });
  }
}

// AWS records a timed-out task with error States.Timeout and no cause.
class TaskTimeoutError extends StatesError {
  constructor(cause = '') {
    super(statesErrorNames.timeout, cause);
  }
}

/**
 * A missed heartbeat. Measured on AWS (LocalStack's recorded snapshots of waitForTaskToken tasks),
 * the task times out with error States.Timeout; the developer guide also lets Retry and Catch
 * name it States.HeartbeatTimeout, so both names match.
 */
class HeartbeatTimeoutError extends StatesError {
  constructor() {
    super(statesErrorNames.timeout, '', { aliases: [statesErrorNames.heartbeatTimeout] });
  }
}

/**
 * A payload over AWS's 256 KiB quota. Recorded on AWS (localstack/localstack
 * test_states_errors.snapshot.json): a task result over the quota fails the task (TaskFailed)
 * and a Catch, even one naming only States.ALL, catches it; a state output over the quota fails
 * the execution with no Exited event. The developer guide calls it terminal for States.ALL, so the
 * state-output case (which no recording shows caught) is left uncatchable.
 */
class DataLimitExceededError extends StatesError {
  constructor(subject: string, options?: ErrorOptions & { catchable?: boolean }) {
    super(statesErrorNames.dataLimitExceeded, `The state/task '${subject}' returned a result with a size exceeding the maximum number of bytes service limit.`, options);
  }
}

/**
 * Thrown through every await of an execution that is being stopped (StopExecution, execution
 * timeout, process shutdown). It is not a StatesError, so no Retry or Catch can intercept it.
 */
class ExecutionInterrupted extends Error {
  constructor(readonly reason: 'aborted' | 'timed-out' | 'shutdown' | 'sibling-failed') {
    super(`execution ${reason}`);
    this.name = 'ExecutionInterrupted';
  }
}

class ApiError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly statusCode = 400,
  ) {
    super(message);
    this.name = type;
  }
}

const apiErrors = {
  invalidDefinition: (message: string) => new ApiError('InvalidDefinition', message),
  invalidArn: (message: string) => new ApiError('InvalidArn', message),
  invalidName: (message: string) => new ApiError('InvalidName', message),
  invalidExecutionInput: (message: string) => new ApiError('InvalidExecutionInput', message),
  invalidOutput: (message: string) => new ApiError('InvalidOutput', message),
  invalidToken: (message = 'Invalid Token') => new ApiError('InvalidToken', message),
  taskTimedOut: (message = "Task Timed Out: 'Provided task does not exist anymore'") => new ApiError('TaskTimedOut', message),
  stateMachineDoesNotExist: (arn: string) => new ApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`),
  stateMachineAlreadyExists: (arn: string) => new ApiError('StateMachineAlreadyExists', `State Machine Already Exists: '${arn}'`),
  executionDoesNotExist: (arn: string) => new ApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`),
  executionNotRedrivable: (message: string) => new ApiError('ExecutionNotRedrivable', message),
  executionAlreadyExists: (arn: string) => new ApiError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`),
  validation: (message: string) => new ApiError('ValidationException', message),
  unknownOperation: (operation: string) => new ApiError('UnknownOperationException', `Unknown operation ${operation}`),
} as const;

export {
  StatesError,
  statesErrorNames,
  QueryEvaluationError,
  RuntimeError,
  TaskTimeoutError,
  HeartbeatTimeoutError,
  DataLimitExceededError,
  ExecutionInterrupted,
  stateErrorCause,
  ApiError,
  apiErrors,
};
