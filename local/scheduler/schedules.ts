// The schedules: the API operations the application uses (Create, Get, Update, Delete, List) and
// the firing of each occurrence on the host's clock. Every occurrence is armed with
// `clock.schedule(at, work)`, so under a manual clock a daily schedule fires once per day, in
// order with the workflow's own timers, however far the clock is moved at once.
import type { ScheduleStore, ScheduleTarget, StoredSchedule } from './store.ts';
import { schedulerErrors } from './errors.ts';
import { parseScheduleExpression } from './expressions.ts';
import { assertSupportedTarget, deliver } from './targets.ts';
import type { TargetInvokers } from './targets.ts';

interface SchedulerClock {
  now(): Date;
  schedule(at: Date, work: () => Promise<void>): () => void;
}

interface ScheduleServiceOptions {
  store: ScheduleStore;
  clock: SchedulerClock;
  invokers: TargetInvokers;
  region: string;
  accountId: string;
  log?: (message: string, detail?: unknown) => void;
}

const NAME = /^[0-9a-zA-Z-_.]{1,64}$/;
const SQS_ARN = /^arn:aws:sqs:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,80}$/;
const DEFAULT_GROUP = 'default';
/** AWS defaults: retry for up to 24 hours, up to 185 times. */
const DEFAULT_RETRY = { MaximumEventAgeInSeconds: 86_400, MaximumRetryAttempts: 185 };
const RETRY_DELAY_MS = 60_000;

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const epochSeconds = (iso: string): number => Date.parse(iso) / 1000;

class ScheduleService {
  private readonly armed = new Map<string, () => void>();
  private stopped = false;

  constructor(private readonly options: ScheduleServiceOptions) {}

  private arnOf(group: string, name: string): string {
    return `arn:aws:scheduler:${this.options.region}:${this.options.accountId}:schedule/${group}/${name}`;
  }

  private parseRequest(name: string, request: Record<string, unknown>, existing?: StoredSchedule): StoredSchedule {
    if (!NAME.test(name)) throw schedulerErrors.validation(`Invalid schedule name: ${name}`);
    for (const unsupported of ['StartDate', 'EndDate', 'KmsKeyArn']) {
      if (request[unsupported] !== undefined) throw schedulerErrors.unsupported(unsupported);
    }
    const group = str(request.GroupName) ?? DEFAULT_GROUP;
    const expression = str(request.ScheduleExpression);
    const target = request.Target as ScheduleTarget | undefined;
    const window = request.FlexibleTimeWindow as StoredSchedule['FlexibleTimeWindow'] | undefined;
    if (!expression) throw schedulerErrors.validation('ScheduleExpression is required');
    if (!target || typeof target.Arn !== 'string' || typeof target.RoleArn !== 'string') throw schedulerErrors.validation('Target with Arn and RoleArn is required');
    if (!window || (window.Mode !== 'OFF' && window.Mode !== 'FLEXIBLE')) throw schedulerErrors.validation('FlexibleTimeWindow with Mode OFF or FLEXIBLE is required');
    for (const unsupported of ['EcsParameters', 'EventBridgeParameters', 'KinesisParameters', 'SageMakerPipelineParameters', 'SqsParameters']) {
      if ((target as unknown as Record<string, unknown>)[unsupported] !== undefined) throw schedulerErrors.unsupported(`Target.${unsupported}`);
    }
    assertSupportedTarget(target.Arn);
    if (target.DeadLetterConfig !== undefined && !SQS_ARN.test(String(target.DeadLetterConfig.Arn))) {
      throw schedulerErrors.validation('Target.DeadLetterConfig.Arn must be an Amazon SQS queue ARN');
    }
    const timeZone = str(request.ScheduleExpressionTimezone) ?? 'UTC';
    const now = this.options.clock.now().toISOString();
    parseScheduleExpression(expression, timeZone, new Date(existing?.CreationDate ?? now));
    return {
      GroupName: group,
      Name: name,
      Arn: this.arnOf(group, name),
      ScheduleExpression: expression,
      ScheduleExpressionTimezone: timeZone,
      State: str(request.State) === 'DISABLED' ? 'DISABLED' : 'ENABLED',
      Description: str(request.Description),
      ActionAfterCompletion: str(request.ActionAfterCompletion) === 'DELETE' ? 'DELETE' : 'NONE',
      FlexibleTimeWindow: window,
      Target: { Arn: target.Arn, RoleArn: target.RoleArn, Input: target.Input, RetryPolicy: target.RetryPolicy, DeadLetterConfig: target.DeadLetterConfig },
      CreationDate: existing?.CreationDate ?? now,
      LastModificationDate: now,
      lastScheduledTime: existing?.ScheduleExpression === expression ? existing.lastScheduledTime : undefined,
    };
  }

  async create(name: string, request: Record<string, unknown>): Promise<{ ScheduleArn: string }> {
    const schedule = this.parseRequest(name, request);
    if (!(await this.options.store.create(schedule))) {
      throw schedulerErrors.conflict(`Schedule ${name} already exists in group ${schedule.GroupName}.`);
    }
    this.arm(schedule);
    return { ScheduleArn: schedule.Arn };
  }

  async update(name: string, request: Record<string, unknown>): Promise<{ ScheduleArn: string }> {
    const group = str(request.GroupName) ?? DEFAULT_GROUP;
    const existing = await this.options.store.get(group, name);
    if (!existing) throw schedulerErrors.notFound(`Schedule ${name} does not exist.`);
    const schedule = this.parseRequest(name, request, existing);
    await this.options.store.put(schedule);
    this.arm(schedule);
    return { ScheduleArn: schedule.Arn };
  }

  async get(name: string, group = DEFAULT_GROUP): Promise<Record<string, unknown>> {
    const schedule = await this.options.store.get(group, name);
    if (!schedule) throw schedulerErrors.notFound(`Schedule ${name} does not exist.`);
    const { lastScheduledTime: _internal, CreationDate, LastModificationDate, ...described } = schedule;
    return { ...described, CreationDate: epochSeconds(CreationDate), LastModificationDate: epochSeconds(LastModificationDate) };
  }

  async delete(name: string, group = DEFAULT_GROUP): Promise<Record<string, never>> {
    this.disarm(group, name);
    if (!(await this.options.store.delete(group, name))) throw schedulerErrors.notFound(`Schedule ${name} does not exist.`);
    return {};
  }

  async list(filter: { group?: string; namePrefix?: string; state?: string }): Promise<{ Schedules: Record<string, unknown>[] }> {
    const schedules = (await this.options.store.list())
      .filter((schedule) => filter.group === undefined || schedule.GroupName === filter.group)
      .filter((schedule) => filter.namePrefix === undefined || schedule.Name.startsWith(filter.namePrefix))
      .filter((schedule) => filter.state === undefined || schedule.State === filter.state)
      .sort((a, b) => a.Arn.localeCompare(b.Arn));
    return {
      Schedules: schedules.map((schedule) => ({
        Arn: schedule.Arn,
        Name: schedule.Name,
        GroupName: schedule.GroupName,
        State: schedule.State,
        CreationDate: epochSeconds(schedule.CreationDate),
        LastModificationDate: epochSeconds(schedule.LastModificationDate),
        Target: { Arn: schedule.Target.Arn },
      })),
    };
  }

  /** Arms every stored schedule (after a restart). */
  async resumeAll(): Promise<number> {
    const schedules = await this.options.store.list();
    for (const schedule of schedules) this.arm(schedule);
    return schedules.length;
  }

  stop(): void {
    this.stopped = true;
    for (const cancel of this.armed.values()) cancel();
    this.armed.clear();
  }

  private disarm(group: string, name: string): void {
    const key = `${group}/${name}`;
    this.armed.get(key)?.();
    this.armed.delete(key);
  }

  /**
   * Arms the next occurrence. A one-off whose time passed while the emulator was down fires at
   * once (it starts a cycle: late is better than never); a recurring schedule does not catch up
   * on missed occurrences, as on AWS.
   */
  private arm(schedule: StoredSchedule): void {
    this.disarm(schedule.GroupName, schedule.Name);
    if (this.stopped || schedule.State !== 'ENABLED') return;
    const times = parseScheduleExpression(schedule.ScheduleExpression, schedule.ScheduleExpressionTimezone, new Date(schedule.CreationDate));
    const now = this.options.clock.now();
    const last = schedule.lastScheduledTime ? new Date(schedule.lastScheduledTime) : undefined;
    const after = times.kind === 'at' ? (last ?? new Date(0)) : new Date(Math.max(now.getTime(), last?.getTime() ?? 0));
    const next = times.nextAfter(after);
    if (next === undefined) return;
    const cancel = this.options.clock.schedule(next, () => this.fire(schedule.GroupName, schedule.Name, next, 1));
    this.armed.set(`${schedule.GroupName}/${schedule.Name}`, cancel);
  }

  private async fire(group: string, name: string, scheduledTime: Date, attempt: number): Promise<void> {
    const schedule = await this.options.store.get(group, name);
    if (this.stopped || !schedule || schedule.State !== 'ENABLED') return;
    if (attempt === 1) {
      // The next occurrence is armed now, whatever becomes of this one.
      const recurring = parseScheduleExpression(schedule.ScheduleExpression, schedule.ScheduleExpressionTimezone).kind !== 'at';
      if (recurring) {
        const next = parseScheduleExpression(schedule.ScheduleExpression, schedule.ScheduleExpressionTimezone, new Date(schedule.CreationDate)).nextAfter(scheduledTime);
        if (next) this.armed.set(`${group}/${name}`, this.options.clock.schedule(next, () => this.fire(group, name, next, 1)));
      }
    }
    try {
      await deliver(schedule.Target, { scheduleArn: schedule.Arn, scheduledTime, attempt }, this.options.invokers);
      await this.completed(schedule, scheduledTime);
    } catch (error) {
      this.retryOrGiveUp(schedule, scheduledTime, attempt, error);
    }
  }

  private async completed(schedule: StoredSchedule, scheduledTime: Date): Promise<void> {
    const isOneOff = parseScheduleExpression(schedule.ScheduleExpression, schedule.ScheduleExpressionTimezone).kind === 'at';
    if (isOneOff && schedule.ActionAfterCompletion === 'DELETE') {
      await this.options.store.delete(schedule.GroupName, schedule.Name);
      return;
    }
    const current = await this.options.store.get(schedule.GroupName, schedule.Name);
    if (current && (current.lastScheduledTime ?? '') < scheduledTime.toISOString()) {
      await this.options.store.put({ ...current, lastScheduledTime: scheduledTime.toISOString() });
    }
  }

  private retryOrGiveUp(schedule: StoredSchedule, scheduledTime: Date, attempt: number, error: unknown): void {
    const policy = { ...DEFAULT_RETRY, ...schedule.Target.RetryPolicy };
    const retryAt = new Date(this.options.clock.now().getTime() + RETRY_DELAY_MS);
    const tooOld = retryAt.getTime() - scheduledTime.getTime() > policy.MaximumEventAgeInSeconds * 1000;
    if (attempt > policy.MaximumRetryAttempts || tooOld) {
      const deadLetter = schedule.Target.DeadLetterConfig ? `; on AWS it goes to ${schedule.Target.DeadLetterConfig.Arn}` : '';
      this.options.log?.(`Schedule ${schedule.Name}: giving up on the occurrence of ${scheduledTime.toISOString()} after ${attempt} attempt(s)${deadLetter}`, error);
      void this.completed(schedule, scheduledTime);
      return;
    }
    this.options.log?.(`Schedule ${schedule.Name}: attempt ${attempt} failed; retrying at ${retryAt.toISOString()}`, error);
    this.options.clock.schedule(retryAt, () => this.fire(schedule.GroupName, schedule.Name, scheduledTime, attempt + 1));
  }
}

export { DEFAULT_GROUP, ScheduleService };
export type { SchedulerClock, ScheduleServiceOptions };
