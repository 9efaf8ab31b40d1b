// Delivering an occurrence to its target, as EventBridge Scheduler does: the templated Lambda
// target (Invoke, asynchronously on AWS; awaited here so the runtime's clock waits for it), the
// templated Step Functions target (StartExecution of the state machine ARN with Input as the
// execution input; Step Functions names the execution) and universal targets
// `arn:aws:scheduler:::aws-sdk:<service>:<action>` whose Input is the API request. Context attributes in the Input are filled in first.
import { randomUUID } from 'node:crypto';
import { schedulerErrors } from './errors.ts';

interface TargetInvokers {
  invokeLambda(functionArn: string, payload: unknown): Promise<unknown>;
  /** A universal target's API call, e.g. ('sfn', 'startExecution', { stateMachineArn, name, input }). */
  callAwsSdk(service: string, action: string, request: Record<string, unknown>): Promise<unknown>;
}

const LAMBDA_ARN = /^arn:aws:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$/;
const STATE_MACHINE_ARN = /^arn:aws:states:[a-z0-9-]+:\d{12}:stateMachine:[A-Za-z0-9_-]+$/;
const UNIVERSAL_ARN = /^arn:aws:scheduler:::aws-sdk:([a-z0-9-]+):([A-Za-z0-9]+)$/;

const assertSupportedTarget = (arn: string): void => {
  if (![LAMBDA_ARN, STATE_MACHINE_ARN, UNIVERSAL_ARN].some((pattern) => pattern.test(arn))) {
    throw schedulerErrors.unsupported(`the target ${arn} (a Lambda function or state machine ARN, or arn:aws:scheduler:::aws-sdk:<service>:<action>)`);
  }
};

interface Occurrence {
  scheduleArn: string;
  /** The time the occurrence was due, not when it ran: what the target reads as scheduled-time. */
  scheduledTime: Date;
  attempt: number;
}

/** EventBridge Scheduler's context attributes (ISO time without milliseconds, as AWS sends it). */
const fillContextAttributes = (input: string, occurrence: Occurrence): string =>
  input
    .replaceAll('<aws.scheduler.scheduled-time>', occurrence.scheduledTime.toISOString().replace(/\.\d{3}Z$/, 'Z'))
    .replaceAll('<aws.scheduler.schedule-arn>', occurrence.scheduleArn)
    .replaceAll('<aws.scheduler.execution-id>', randomUUID())
    .replaceAll('<aws.scheduler.attempt-number>', String(occurrence.attempt));

const parseInput = (input: string): unknown => {
  try {
    return JSON.parse(input) as unknown;
  } catch {
    return input;
  }
};

const deliver = async (target: { Arn: string; Input?: string }, occurrence: Occurrence, invokers: TargetInvokers): Promise<unknown> => {
  const input = fillContextAttributes(target.Input ?? '{}', occurrence);
  if (LAMBDA_ARN.test(target.Arn)) return invokers.invokeLambda(target.Arn, parseInput(input));
  if (STATE_MACHINE_ARN.test(target.Arn)) return invokers.callAwsSdk('sfn', 'startExecution', { stateMachineArn: target.Arn, input });
  const [, service, action] = UNIVERSAL_ARN.exec(target.Arn) ?? [];
  const request = parseInput(input);
  if (typeof request !== 'object' || request === null || Array.isArray(request)) {
    throw schedulerErrors.validation(`The Input of a universal target must be a JSON object (${target.Arn})`);
  }
  return invokers.callAwsSdk(service, action, request as Record<string, unknown>);
};

export { assertSupportedTarget, deliver, fillContextAttributes };
export type { Occurrence, TargetInvokers };
