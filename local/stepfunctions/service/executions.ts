// StartExecution, StopExecution, DescribeExecution, ListExecutions, GetExecutionHistory, and
// resuming every RUNNING execution when the runtime starts (replaying its journal).
import { randomUUID } from 'node:crypto';
import { apiErrors } from '../errors.ts';
import { checkExecutionInput } from './execution-input.ts';
import { ExecutionRun, type RunServices } from '../engine/execution-run.ts';
import { internalEventTypes, isInternalEvent } from '../engine/history.ts';
import { eventsToForget, redriveKeyPrefix } from '../engine/redrive.ts';
import { ExecutionStatus, redrivableStatuses, type ExecutionRecord, type HistoryEvent } from '../store/types.ts';
import { executionArn, executionArnPattern, invalidArnMessage, isValidName, type Partitioning } from './arns.ts';
import type { StateMachineService } from './state-machines.ts';

// AWS: "The maximum number of results ... default is 100 and the maximum allowed page size is 1000".
const defaultPageSize = 100;
const maxPageSize = 1000;
// API reference: nextToken of ListExecutions and GetExecutionHistory is 1 to 3096 characters.
const maxNextTokenLength = 3096;
// The enum in the order AWS lists it (localstack/localstack test_sfn_api.snapshot.json,
// test_state_machine_status_filter: list_executions_filter_exc).
const statusFilterValues = ['SUCCEEDED', 'TIMED_OUT', 'PENDING_REDRIVE', 'ABORTED', 'FAILED', 'RUNNING'];

const seconds = (ms: number | undefined) => (ms === undefined ? undefined : ms / 1000);

class ExecutionService {
  private readonly runs = new Map<string, ExecutionRun>();
  private readonly finished = new Set<Promise<void>>();

  constructor(
    private readonly services: RunServices,
    private readonly stateMachines: StateMachineService,
    private readonly partitioning: Partitioning,
  ) {}

  async start(request: { stateMachineArn?: unknown; name?: unknown; input?: unknown }) {
    const machine = await this.stateMachines.get(request.stateMachineArn);
    const name = request.name === undefined ? randomUUID() : request.name;
    if (!isValidName(name)) throw apiErrors.invalidName(`Invalid Name: '${String(name)}'`);
    const input = checkExecutionInput(request.input);
    const record: ExecutionRecord = {
      arn: executionArn(this.partitioning, machine.name, name),
      stateMachineArn: machine.arn,
      name,
      status: ExecutionStatus.running,
      input,
      definition: machine.definition,
      roleArn: machine.roleArn,
      startDate: this.services.clock.now(),
    };
    const existing = await this.services.store.createExecution(record);
    if (existing) {
      // AWS (Standard): the same name and input while RUNNING returns the original execution;
      // otherwise the name is taken.
      if (existing.status === ExecutionStatus.running && existing.input === input) {
        return { executionArn: existing.arn, startDate: existing.startDate / 1000 };
      }
      throw apiErrors.executionAlreadyExists(existing.arn);
    }
    this.launch(record, []);
    return { executionArn: record.arn, startDate: record.startDate / 1000 };
  }

  async stop(request: { executionArn?: unknown; error?: unknown; cause?: unknown }) {
    const record = await this.get(request.executionArn);
    const stopDate = this.services.clock.now();
    if (record.status === ExecutionStatus.running) {
      const closed = await this.services.store.closeExecution(record.arn, {
        status: ExecutionStatus.aborted,
        stopDate,
        ...(typeof request.error === 'string' && { error: request.error }),
        ...(typeof request.cause === 'string' && { cause: request.cause }),
      });
      if (closed) {
        const run = this.runs.get(record.arn);
        if (run) {
          run.interrupt('aborted', {
            ...(typeof request.error === 'string' && { error: request.error }),
            ...(typeof request.cause === 'string' && { cause: request.cause }),
          });
        }
        await this.services.store.closeTokens(record.arn);
      }
    }
    const current = await this.get(record.arn);
    return { stopDate: (current.stopDate ?? stopDate) / 1000 };
  }

  async describe(request: { executionArn?: unknown }) {
    const record = await this.get(request.executionArn);
    return {
      executionArn: record.arn,
      stateMachineArn: record.stateMachineArn,
      name: record.name,
      status: record.status,
      startDate: record.startDate / 1000,
      stopDate: seconds(record.stopDate),
      input: record.input,
      inputDetails: { included: true },
      output: record.output,
      outputDetails: record.output === undefined ? undefined : { included: true },
      error: record.error,
      cause: record.cause,
      redriveCount: record.redriveCount ?? 0,
      redriveDate: seconds(record.redriveDate),
      ...redriveStatus(record, this.services.clock.now()),
    };
  }

  async list(request: { stateMachineArn?: unknown; statusFilter?: unknown; maxResults?: unknown; nextToken?: unknown }) {
    if (request.statusFilter !== undefined && !statusFilterValues.includes(request.statusFilter as string)) {
      throw apiErrors.validation(
        `1 validation error detected: Value '${String(request.statusFilter)}' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: [${statusFilterValues.join(', ')}]`,
      );
    }
    const machine = await this.stateMachines.get(request.stateMachineArn);
    const records = (await this.services.store.listExecutions(machine.arn))
      .filter((record) => request.statusFilter === undefined || record.status === request.statusFilter)
      .sort((a, b) => b.startDate - a.startDate || a.name.localeCompare(b.name));
    const page = paginate(records, request.maxResults, request.nextToken);
    return {
      executions: page.items.map((record) => ({
        executionArn: record.arn,
        stateMachineArn: record.stateMachineArn,
        name: record.name,
        status: record.status,
        startDate: record.startDate / 1000,
        stopDate: seconds(record.stopDate),
        redriveCount: record.redriveCount ?? 0,
        redriveDate: seconds(record.redriveDate),
      })),
      nextToken: page.nextToken,
    };
  }

  async history(request: { executionArn?: unknown; reverseOrder?: unknown; maxResults?: unknown; nextToken?: unknown; includeExecutionData?: unknown }) {
    const record = await this.get(request.executionArn);
    await this.runs.get(record.arn)?.history.flush();
    const events = toAwsEvents(await this.services.store.loadEvents(record.arn), request.includeExecutionData !== false);
    if (request.reverseOrder === true) events.reverse();
    const page = paginate(events, request.maxResults, request.nextToken);
    return { events: page.items, nextToken: page.nextToken };
  }

  /**
   * RedriveExecution: the execution runs again under its ARN, replaying what succeeded and
   * running again what did not (engine/redrive.ts); ExecutionRedriven marks the point in its history.
   */
  async redrive(request: { executionArn?: unknown }) {
    const record = await this.get(request.executionArn);
    const now = this.services.clock.now();
    const reason = notRedrivableReason(record, now);
    if (reason !== undefined) throw apiErrors.executionNotRedrivable(reason);
    const events = await this.services.store.loadEvents(record.arn);
    const redriveCount = (record.redriveCount ?? 0) + 1;
    const lastId = events.reduce((max, event) => Math.max(max, event.id), 0);
    const bookkeeping: HistoryEvent[] = [
      { id: lastId + 1, previousEventId: lastId, timestamp: now, type: internalEventTypes.redriveStarted, key: `${redriveKeyPrefix}${redriveCount}.forget`, details: { forgotten: eventsToForget(events) } },
      { id: lastId + 2, previousEventId: lastId, timestamp: now, type: 'ExecutionRedriven', key: `${redriveKeyPrefix}${redriveCount}`, details: { redriveCount } },
    ];
    // The journal first: a crash after it but before the reopening leaves the execution closed,
    // and its next redrive computes the same steps to run again.
    await this.services.store.appendEvents(record.arn, bookkeeping);
    if (!(await this.services.store.reopenExecution(record.arn, { redriveCount, redriveDate: now }))) {
      throw apiErrors.executionNotRedrivable(`Execution is ${ExecutionStatus.running} and cannot be redriven`);
    }
    this.launch({ ...record, status: ExecutionStatus.running, stopDate: undefined, output: undefined, error: undefined, cause: undefined, redriveCount, redriveDate: now }, [...events, ...bookkeeping]);
    return { redriveDate: now / 1000 };
  }

  /** Replays every execution that was running when the runtime last stopped. */
  async resumeAll(): Promise<number> {
    const running = await this.services.store.listRunningExecutions();
    for (const record of running) this.launch(record, await this.services.store.loadEvents(record.arn));
    return running.length;
  }

  /** Stops running executions in memory, leaving them RUNNING in the store to resume later. */
  async shutdown(): Promise<void> {
    for (const run of this.runs.values()) run.interrupt('shutdown');
    await Promise.allSettled([...this.finished]);
  }

  private launch(record: ExecutionRecord, events: HistoryEvent[]): void {
    const run = new ExecutionRun(record, events, this.services);
    this.runs.set(record.arn, run);
    const done = run.run().finally(() => {
      // A redrive may already have launched the execution's next run.
      if (this.runs.get(record.arn) === run) this.runs.delete(record.arn);
      this.finished.delete(done);
    });
    this.finished.add(done);
  }

  private async get(arn: unknown): Promise<ExecutionRecord> {
    if (typeof arn !== 'string' || !executionArnPattern.test(arn)) throw apiErrors.invalidArn(invalidArnMessage(arn));
    const record = await this.services.store.getExecution(arn);
    if (!record) throw apiErrors.executionDoesNotExist(arn);
    return record;
  }
}


/** History events as the API returns them: internal journal entries removed, ids contiguous. */
const toAwsEvents = (events: HistoryEvent[], includeData: boolean) => {
  const visible = events.filter((event) => !isInternalEvent(event.type)).sort((a, b) => a.id - b.id);
  const renumber = new Map(visible.map((event, index) => [event.id, index + 1]));
  const nearestVisible = (id: number): number => {
    for (let candidate = id; candidate > 0; candidate -= 1) {
      const mapped = renumber.get(candidate);
      if (mapped !== undefined) return mapped;
    }
    return 0;
  };
  return visible.map((event) => ({
    timestamp: event.timestamp / 1000,
    type: event.type,
    id: renumber.get(event.id),
    previousEventId: nearestVisible(event.previousEventId),
    ...(event.details && { [detailsField(event.type)]: publicDetails(event.details, includeData) }),
  }));
};

// AWS names each event's details after its type: TaskStateEntered -> stateEnteredEventDetails.
const detailsField = (type: string): string => {
  const stateEvent = /^(Pass|Task|Choice|Wait|Succeed|Fail|Parallel|Map)State(Entered|Exited)$/.exec(type);
  if (stateEvent) return `state${stateEvent[2]}EventDetails`;
  if (type === 'EvaluationFailed') return 'evaluationFailedEventDetails';
  return `${type[0].toLowerCase()}${type.slice(1)}EventDetails`;
};

const publicDetails = (details: Record<string, unknown>, includeData: boolean) => {
  if ('evaluationFailedEventDetails' in details) return details.evaluationFailedEventDetails;
  const { taskToken: _token, heartbeatMissed: _heartbeat, ...rest } = details;
  if (includeData) return rest;
  const { input: _input, output: _output, parameters: _parameters, ...withoutData } = rest;
  return withoutData;
};

// AWS: RedriveExecution "restarts unsuccessful executions ... that didn't complete successfully in
// the last 14 days".
const redrivePeriodMs = 14 * 24 * 3600 * 1000;

/** Why an execution cannot be redriven now, or undefined when it can. */
const notRedrivableReason = (record: ExecutionRecord, now: number): string | undefined => {
  // The wording AWS records for a running execution (localstack/localstack test_base.snapshot.json).
  if (!redrivableStatuses.includes(record.status)) return `Execution is ${record.status} and cannot be redriven`;
  if (record.stopDate !== undefined && now - record.stopDate > redrivePeriodMs) return 'Execution ended more than 14 days ago and cannot be redriven';
  return undefined;
};

const redriveStatus = (record: ExecutionRecord, now: number) => {
  const reason = notRedrivableReason(record, now);
  return reason === undefined ? { redriveStatus: 'REDRIVABLE' } : { redriveStatus: 'NOT_REDRIVABLE', redriveStatusReason: reason };
};

const nextTokenPrefix = 'page:';

const paginate = <T>(items: T[], maxResults: unknown, nextToken: unknown): { items: T[]; nextToken?: string } => {
  if (maxResults !== undefined && (typeof maxResults !== 'number' || !Number.isInteger(maxResults) || maxResults < 0 || maxResults > maxPageSize)) {
    throw apiErrors.validation(
      `1 validation error detected: Value '${String(maxResults)}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to ${maxPageSize}`,
    );
  }
  // AWS: 0 (or no value) means the default page size.
  const size = typeof maxResults === 'number' && maxResults > 0 ? maxResults : defaultPageSize;
  // Recorded on AWS: test_sfn_api.snapshot.json, list-executions-invalid-param-long-nextToken.
  if (typeof nextToken === 'string' && (nextToken.length < 1 || nextToken.length > maxNextTokenLength)) {
    const bound = nextToken.length < 1 ? 'greater than or equal to 1' : `less than or equal to ${maxNextTokenLength}`;
    throw apiErrors.validation(`1 validation error detected: Value '${nextToken}' at 'nextToken' failed to satisfy constraint: Member must have length ${bound}`);
  }
  let offset = 0;
  if (nextToken !== undefined) {
    const decoded = typeof nextToken === 'string' ? Buffer.from(nextToken, 'base64url').toString() : '';
    offset = decoded.startsWith(nextTokenPrefix) ? Number.parseInt(decoded.slice(nextTokenPrefix.length), 10) : Number.NaN;
    if (!Number.isInteger(offset) || offset < 0) throw apiErrors.invalidToken('Invalid Token: the nextToken was not issued by this operation');
  }
  const pageItems = items.slice(offset, offset + size);
  const next = offset + size < items.length ? Buffer.from(`${nextTokenPrefix}${offset + size}`).toString('base64url') : undefined;
  return { items: pageItems, nextToken: next };
};

export { ExecutionService };
