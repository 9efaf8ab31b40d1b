// Helpers for the operations integration tests (reminders, cohort launch, authorisation,
// schedules): acting as any role through the local adapter's x-local-user header, enrolling many
// services, running the reminder sweep as the scheduler would, and reading what it recorded.
import { ListExecutionsCommand } from '@aws-sdk/client-sfn';
import type { SFNClient } from '@aws-sdk/client-sfn';
import type { LocalApp } from '../../local/app.ts';
import { lambdaContext } from '../../local/lambda-context.ts';
import { cycleItems, sesEmails } from './local-app.ts';
import type { ApiResponse, StoredEmail, TestApp } from './local-app.ts';

/** `<group>[:<organisationId>[:<reviewerId>]]`, as the local adapter reads x-local-user. */
type LocalUser = string;

const callApiAs = async <T = Record<string, unknown>>(app: LocalApp, user: LocalUser, method: string, path: string, body?: unknown): Promise<ApiResponse<T>> => {
  const response = await fetch(`${app.urls.api}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-local-user': user },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as T };
};

const enrolServices = async (app: LocalApp, networkId: string, serviceIds: readonly string[], membershipType = 'accreditation') => {
  for (const serviceId of serviceIds) {
    const response = await callApiAs(app, 'staff', 'POST', '/services', {
      serviceId,
      name: `Service ${serviceId}`,
      organisationId: `org-${serviceId}`,
      networkId,
      membershipType,
      leadEmail: `lead@${serviceId}.example.org`,
    });
    if (response.status !== 201 && response.status !== 200) throw new Error(`Enrolling ${serviceId}: ${response.status} ${JSON.stringify(response.body)}`);
  }
};

/** Every execution of the state machine (all statuses), through ListExecutions pages. */
const allExecutions = async (sfn: SFNClient, stateMachineArn: string) => {
  const executions: { name?: string; status?: string }[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new ListExecutionsCommand({ stateMachineArn, nextToken, maxResults: 1000 }));
    executions.push(...(page.executions ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return executions;
};

interface SweepSummary {
  today: string;
  tasksSwept: number;
  reminders: number;
  escalations: number;
  undeliverable: number;
  unresolved: number;
}

/**
 * Runs the reminder sweep as the scheduler target does (same handler, same input shape). The
 * handler module is the one the app loaded: one app per process, imported after it started.
 */
const runSweep = async (scheduledTime: string): Promise<SweepSummary> => {
  const { handler } = await import('../../functions/reminder-sweep/handler.ts');
  return (await handler({ scheduledTime }, lambdaContext('reminder-sweep'))) as SweepSummary;
};

/** The emails sent to one address, oldest first. */
const emailsTo = async (app: LocalApp, address: string): Promise<StoredEmail[]> =>
  (await sesEmails(app)).filter((email) => email.destination.to.includes(address));

/** The reminder records of a cycle (REMINDER# items) and its audit events of the given types. */
const reminderTrail = async (env: TestApp, cycleId: string) => {
  const items = await cycleItems(env.table, env.app.tableName, cycleId);
  return {
    reminders: items.filter((item) => String(item.sk).startsWith('REMINDER#')),
    audit: items.filter((item) => String(item.sk).startsWith('AUDIT#') && ['reminder-sent', 'escalation-sent', 'reminder-undeliverable'].includes(String(item.type))),
    task: (stage: string) => items.find((item) => item.sk === `TASK#${stage}`),
  };
};

export { allExecutions, callApiAs, emailsTo, enrolServices, reminderTrail, runSweep };
export type { LocalUser, SweepSummary };
