// Errors of the local EventBridge Scheduler, named as the real API names them (restJson1: the
// name travels in the x-amzn-ErrorType header), so @aws-sdk/client-scheduler raises the same
// exception classes locally as on AWS.

class SchedulerApiError extends Error {
  readonly statusCode: number;
  constructor(name: string, statusCode: number, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = name;
    this.statusCode = statusCode;
  }
}

const schedulerErrors = {
  validation: (message: string) => new SchedulerApiError('ValidationException', 400, message),
  conflict: (message: string) => new SchedulerApiError('ConflictException', 409, message),
  notFound: (message: string) => new SchedulerApiError('ResourceNotFoundException', 404, message),
  /** A feature of the real service this emulator does not implement: refused loudly, never ignored. */
  unsupported: (what: string) => new SchedulerApiError('ValidationException', 400, `The local scheduler does not support ${what}`),
};

export { SchedulerApiError, schedulerErrors };
