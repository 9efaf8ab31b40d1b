// What a chaos run found, read after the driver stops from the API, the Step Functions API and
// the SES store (which survives the kills): every figure must be 0 (issue 12, "must show").
// A duplicated audit event is the same cycle, type, actor and detail twice: the actor counts
// because some events are legitimately alike but for who acted (each reviewer's
// `invitation-answered` is { answer: 'accepted' }).
import { DescribeExecutionCommand, ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import type { ExecutionListItem } from '@aws-sdk/client-sfn';
import { executionHistory } from '../test/support/execution-history.ts';
import type { ApiClient } from './api-client.ts';
import type { Crash } from './stack.ts';

const STATE_MACHINE_ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:accreditation-cycle';
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const DECIDED: readonly string[] = ['accredited', 'not-accredited', 'report-issued'];

interface Figures {
  /** Each figure is the list of what was found; the count is its length. */
  lost: string[];
  stuck: string[];
  failed: string[];
  duplicatedAuditEvents: string[];
  duplicatedEmails: string[];
  clockBackwards: string[];
}

interface AuditEvent {
  type: string;
  at: string;
  actor?: string;
  detail?: Record<string, unknown>;
}

interface CycleRead {
  cycle: { cycleId: string; stage: string; status: string; executionArn: string };
  executionStatus?: string;
  auditEvents: AuditEvent[];
}

interface StoredEmail {
  destination: { to: string[] };
  subject: string;
  body: { text?: string };
}

/** JSON with object keys sorted: DynamoDB does not keep a map's key order, so equal details must print alike. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : inner,
  );

/** The keys seen more than once, with how often. */
const repeats = (keys: readonly string[]): [string, number][] => {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts].filter(([, count]) => count > 1);
};

const listExecutions = async (sfn: SFNClient): Promise<ExecutionListItem[]> => {
  const executions: ExecutionListItem[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new ListExecutionsCommand({ stateMachineArn: STATE_MACHINE_ARN, nextToken, maxResults: 1000 }));
    executions.push(...(page.executions ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return executions;
};

/** A cycle that nothing will move on: not decided or withdrawn, and its execution neither running nor able to run again. */
const lostCycle = (read: CycleRead): string | undefined => {
  const { cycle, executionStatus } = read;
  if (cycle.status === 'withdrawn' || DECIDED.includes(cycle.status) || cycle.stage === 'closed') return undefined;
  if (executionStatus === 'RUNNING') return undefined;
  return `${cycle.cycleId}: ${cycle.stage}/${cycle.status}, its execution is ${executionStatus ?? 'missing'}`;
};

/**
 * Audit events that contradict the order things happened in: an answer to a step (anything
 * naming the step's token) dated before the step was opened, or any event dated after the clock.
 */
const clockContradictions = (read: CycleRead, clockNow: string): string[] => {
  const opened = new Map<unknown, string>();
  for (const event of read.auditEvents) if (event.type === 'task-opened') opened.set(event.detail?.tokenHash, event.at);
  const problems: string[] = [];
  for (const event of read.auditEvents) {
    const openedAt = opened.get(event.detail?.tokenHash);
    if (event.type !== 'task-opened' && openedAt !== undefined && event.at < openedAt) {
      problems.push(`${read.cycle.cycleId}: ${event.type} (${String(event.detail?.stage)}) at ${event.at}, before its step opened at ${openedAt}`);
    }
    if (event.at > clockNow) problems.push(`${read.cycle.cycleId}: ${event.type} at ${event.at}, after the clock (${clockNow})`);
  }
  return problems;
};

interface Collected {
  figures: Figures;
  /**
   * Not a figure: each email a kill left claimed and unconfirmed (data/email-once.ts), recorded in
   * the trail and not re-sent, so staff can check it; at-most-once is what keeps duplicates at 0.
   */
  unconfirmedEmails: string[];
}

const collectFigures = async (options: {
  api: ApiClient;
  stepFunctionsUrl: string;
  sesUrl: string;
  cycleIds: readonly string[];
  crashes: readonly Crash[];
}): Promise<Collected> => {
  const { api, cycleIds, crashes } = options;
  const figures: Figures = { lost: [], stuck: [], failed: [], duplicatedAuditEvents: [], duplicatedEmails: [], clockBackwards: [] };
  const unconfirmedEmails: string[] = [];
  const clockNow = String((await api.call('GET', '/_local/clock')).body.now);

  for (const cycleId of cycleIds) {
    const response = await api.call<CycleRead>('GET', `/cycles/${cycleId}`);
    if (response.status === 404) {
      figures.lost.push(`${cycleId}: the service is enrolled and launched, but the cycle does not exist`);
      figures.stuck.push(`${cycleId}: no cycle`);
      continue;
    }
    const read = response.body;
    const lost = lostCycle(read);
    if (lost) figures.lost.push(lost);
    if (!DECIDED.includes(read.cycle.status)) figures.stuck.push(`${cycleId}: ${read.cycle.stage}/${read.cycle.status} (execution ${read.executionStatus ?? 'missing'})`);
    for (const [key, count] of repeats(read.auditEvents.map((event) => `${event.type} by ${event.actor ?? '?'} ${canonical(event.detail ?? {})}`))) {
      figures.duplicatedAuditEvents.push(`${cycleId}: ${count}× ${key.slice(0, 300)}`);
    }
    figures.clockBackwards.push(...clockContradictions(read, clockNow));
    for (const event of read.auditEvents.filter(({ type }) => type === 'email-unconfirmed')) unconfirmedEmails.push(`${cycleId}: ${canonical(event.detail ?? {})}`);
  }

  const sfn = new SFNClient({ endpoint: options.stepFunctionsUrl, region: 'us-east-1', credentials });
  try {
    const executions = (await listExecutions(sfn)).filter((execution) => cycleIds.some((cycleId) => execution.name?.startsWith(cycleId)));
    for (const execution of executions) {
      if (execution.status === 'FAILED' || execution.status === 'TIMED_OUT') {
        const described = await sfn.send(new DescribeExecutionCommand({ executionArn: execution.executionArn }));
        figures.failed.push(`${execution.name}: ${execution.status} ${described.error ?? ''} ${String(described.cause ?? '').slice(0, 300)}`);
      }
      const history = await executionHistory(sfn, String(execution.executionArn));
      const backwards = history.findIndex((event, index) => index > 0 && (event.timestamp?.getTime() ?? 0) < (history[index - 1].timestamp?.getTime() ?? 0));
      if (backwards > 0) {
        const [before, after] = [history[backwards - 1], history[backwards]];
        figures.clockBackwards.push(`${execution.name}: history event ${after.id} (${after.type}) at ${after.timestamp?.toISOString()} after event ${before.id} at ${before.timestamp?.toISOString()}`);
      }
    }
  } finally {
    sfn.destroy();
  }

  const store = (await (await fetch(`${options.sesUrl}/store`)).json()) as { emails: StoredEmail[] };
  const emailKeys = store.emails.map((email) => canonical({ to: [...email.destination.to].sort(), subject: email.subject, text: email.body.text ?? '' }));
  for (const [key, count] of repeats(emailKeys)) {
    const { to, subject } = JSON.parse(key) as { to: string[]; subject: string };
    figures.duplicatedEmails.push(`${count}× to ${to.join(', ')}: ${subject}`);
  }

  for (const [index, crash] of crashes.entries()) {
    if (crash.clockBefore !== undefined && crash.clockAfter < crash.clockBefore) {
      figures.clockBackwards.push(`kill ${index + 1} (${crash.kind}): the clock was ${crash.clockBefore} before it and ${crash.clockAfter} after the restart`);
    }
    if (crash.latestAuditAt !== undefined && crash.latestAuditAt > crash.clockAfter) {
      figures.clockBackwards.push(`kill ${index + 1} (${crash.kind}): an audit event is dated ${crash.latestAuditAt}, after the restarted clock ${crash.clockAfter}`);
    }
  }
  return { figures, unconfirmedEmails };
};

export { collectFigures };
export type { Collected, Figures };
