// Errors raised by the handlers. Each `name` is what a Node Lambda reports as errorType, so the
// state machine's Catch/Retry (ErrorEquals) matches them the same way on AWS and locally.

class MissingConfigurationError extends Error {
  readonly variable: string;
  constructor(variable: string, options?: ErrorOptions) {
    super(`Environment variable ${variable} is not set`, options);
    this.name = 'MissingConfiguration';
    this.variable = variable;
  }
}

class InvalidInputError extends Error {
  readonly issues: readonly { path: string; message: string }[];
  constructor(issues: readonly { path: string; message: string }[], options?: ErrorOptions) {
    super(`Invalid input: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`, options);
    this.name = 'InvalidInput';
    this.issues = issues;
  }
}

class CycleNotFoundError extends Error {
  readonly cycleId: string;
  constructor(cycleId: string, options?: ErrorOptions) {
    super(`Cycle ${cycleId} does not exist`, options);
    this.name = 'CycleNotFound';
    this.cycleId = cycleId;
  }
}

class ServiceNotFoundError extends Error {
  readonly serviceId: string;
  constructor(serviceId: string, options?: ErrorOptions) {
    super(`Service ${serviceId} is not enrolled`, options);
    this.name = 'ServiceNotFound';
    this.serviceId = serviceId;
  }
}

class NetworkNotFoundError extends Error {
  readonly networkId: string;
  constructor(networkId: string, options?: ErrorOptions) {
    super(`Network ${networkId} has not been imported`, options);
    this.name = 'NetworkNotFound';
    this.networkId = networkId;
  }
}

/** The cycle is driven by another execution (e.g. it was resumed in a new one). */
class CycleOwnedByAnotherExecutionError extends Error {
  readonly cycleId: string;
  readonly ownerExecutionArn: string | undefined;
  constructor(cycleId: string, ownerExecutionArn: string | undefined, options?: ErrorOptions) {
    super(`Cycle ${cycleId} is driven by execution ${ownerExecutionArn ?? '(none)'}`, options);
    this.name = 'CycleOwnedByAnotherExecution';
    this.cycleId = cycleId;
    this.ownerExecutionArn = ownerExecutionArn;
  }
}

/** Another execution holds an open task for the same cycle and stage. */
class TaskAlreadyPendingError extends Error {
  readonly cycleId: string;
  readonly stage: string;
  constructor(cycleId: string, stage: string, options?: ErrorOptions) {
    super(`Cycle ${cycleId} already has an open ${stage} task held by another execution`, options);
    this.name = 'TaskAlreadyPending';
    this.cycleId = cycleId;
    this.stage = stage;
  }
}

/** A stage the timetable does not contain (e.g. a committee decision for a developmental member). */
class StageNotInTimetableError extends Error {
  readonly stage: string;
  constructor(stage: string, options?: ErrorOptions) {
    super(`The cycle's timetable has no ${stage} stage`, options);
    this.name = 'StageNotInTimetable';
    this.stage = stage;
  }
}

/** Staff withdrew the service: nothing more happens in its cycle (the state machine ends in Withdrawn). */
class CycleWithdrawnError extends Error {
  readonly cycleId: string;
  constructor(cycleId: string, options?: ErrorOptions) {
    super(`Cycle ${cycleId} was withdrawn`, options);
    this.name = 'CycleWithdrawn';
    this.cycleId = cycleId;
  }
}

/** A step needs a record an earlier step should have written (e.g. the dates the host offered). */
class MissingStepRecordError extends Error {
  readonly cycleId: string;
  readonly what: string;
  constructor(cycleId: string, what: string, options?: ErrorOptions) {
    super(`Cycle ${cycleId} has no ${what}`, options);
    this.name = 'MissingStepRecord';
    this.cycleId = cycleId;
    this.what = what;
  }
}

/** The cycle's standards version is not stored, so ratings cannot be checked or scored. */
class StandardsNotFoundError extends Error {
  readonly networkId: string;
  readonly versionId: string | undefined;
  constructor(networkId: string, versionId: string | undefined, options?: ErrorOptions) {
    super(`Network ${networkId} has no standards${versionId ? ` version ${versionId}` : ''} imported`, options);
    this.name = 'StandardsNotFound';
    this.networkId = networkId;
    this.versionId = versionId;
  }
}

/** A standards version's header names more chunks than are stored: never written that way, so a lost item. */
class StandardsIncompleteError extends Error {
  readonly versionId: string;
  constructor(networkId: string, versionId: string, expected: number, found: number, options?: ErrorOptions) {
    super(`Standards version ${versionId} of network ${networkId} has ${found} of its ${expected} stored parts`, options);
    this.name = 'StandardsIncomplete';
    this.versionId = versionId;
  }
}

/** A stored item does not have the shape its record type needs: named here, not a later TypeError. */
class StoredRecordInvalidError extends Error {
  readonly record: string;
  readonly field: string;
  constructor(record: string, field: string, detail: string, options?: ErrorOptions) {
    super(`Stored ${record} record is invalid at ${field || '(the record itself)'}: ${detail}`, options);
    this.name = 'StoredRecordInvalid';
    this.record = record;
    this.field = field;
  }
}

/** A self-review answer saved on an older version than the stored one: who changed it and when (never overwritten silently). */
class StaleAnswerError extends Error {
  readonly standardId: string;
  readonly current: { version: number; savedBy: string; savedAt: string };
  constructor(standardId: string, current: { version: number; savedBy: string; savedAt: string }, options?: ErrorOptions) {
    super(`Standard ${standardId} was changed by ${current.savedBy} at ${current.savedAt} (version ${current.version}); reload it before saving`, options);
    this.name = 'StaleAnswer';
    this.standardId = standardId;
    this.current = current;
  }
}

/**
 * An action-plan record (an action, a PDSA cycle) changed since the version the person started from:
 * the save is refused, naming who changed it and when, as a self-review answer is (issue 13).
 */
class StaleRecordError extends Error {
  readonly record: string;
  readonly current: { version: number; updatedBy: string; updatedAt: string };
  constructor(record: string, current: { version: number; updatedBy: string; updatedAt: string }, options?: ErrorOptions) {
    super(`${record} was changed by ${current.updatedBy} at ${current.updatedAt} (version ${current.version}); reload it before saving`, options);
    this.name = 'StaleRecord';
    this.record = record;
    this.current = current;
  }
}

/** The action plan gained an action while this one was being added: the caller reads it again and re-checks. */
class ActionPlanChangedError extends Error {
  readonly cycleId: string;
  constructor(cycleId: string, options?: ErrorOptions) {
    super(`The action plan of cycle ${cycleId} changed while the action was being added`, options);
    this.name = 'ActionPlanChanged';
    this.cycleId = cycleId;
  }
}

/** Another PDSA cycle took the number this one was planned under: the caller reads the action again. */
class PdsaNumberTakenError extends Error {
  readonly actionId: string;
  constructor(actionId: string, options?: ErrorOptions) {
    super(`Another PDSA cycle was planned under action ${actionId} at the same time`, options);
    this.name = 'PdsaNumberTaken';
    this.actionId = actionId;
  }
}

/** Another allocation took a reviewer's day first, every time this one tried: the step fails, to be retried. */
class BookingContendedError extends Error {
  readonly cycleId: string;
  constructor(cycleId: string, attempts: number, options?: ErrorOptions) {
    super(`Cycle ${cycleId}: another allocation booked a chosen reviewer's day first, ${attempts} times in a row`, options);
    this.name = 'BookingContended';
    this.cycleId = cycleId;
  }
}

export {
  BookingContendedError,
  ActionPlanChangedError,
  PdsaNumberTakenError,
  StaleRecordError,
  CycleWithdrawnError,
  StandardsIncompleteError,
  StoredRecordInvalidError,
  MissingStepRecordError,
  StandardsNotFoundError,
  CycleNotFoundError,
  CycleOwnedByAnotherExecutionError,
  InvalidInputError,
  MissingConfigurationError,
  NetworkNotFoundError,
  ServiceNotFoundError,
  StageNotInTimetableError,
  StaleAnswerError,
  TaskAlreadyPendingError,
};
