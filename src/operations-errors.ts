// Errors of the notification and operations parts of the core (visit invitations, reminders,
// renewal dates). Kept apart from errors.ts, which the core's other files share; each `name` is
// stable so a handler or a Step Functions Catch can match on it.

/** The calendar invite could not be built from the data given (e.g. an unusable reviewer email). */
class VisitInvitationError extends Error {
  public readonly cycleId: string;

  public constructor(cycleId: string, message: string, options?: ErrorOptions) {
    super(`Cannot build the visit invitation of cycle ${cycleId}: ${message}`, options);
    this.name = 'VisitInvitationError';
    this.cycleId = cycleId;
  }
}

/** An instant that should be an ISO 8601 date-time is not one. */
class InvalidInstantError extends Error {
  public readonly value: string;

  public constructor(value: string, options?: ErrorOptions) {
    super(`Not an ISO 8601 date-time: ${JSON.stringify(value)}`, options);
    this.name = 'InvalidInstantError';
    this.value = value;
  }
}

export { InvalidInstantError, VisitInvitationError };
