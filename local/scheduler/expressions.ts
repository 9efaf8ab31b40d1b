// Schedule expressions as EventBridge Scheduler reads them, evaluated in the schedule's time zone:
//   at(yyyy-mm-ddThh:mm:ss)           one-off, wall-clock time in ScheduleExpressionTimezone
//   cron(min hour dom month dow year)  recurring; one of dom/dow must be '?'; dow 1-7 = SUN-SAT
//   rate(n minute[s]|hour[s]|day[s])   recurring from the schedule's creation
// Next times come from croner (time zones through Intl). Cron features croner reads differently
// from EventBridge (L, W, #, a year other than '*') are refused rather than guessed.
import { Cron } from 'croner';
import { schedulerErrors } from './errors.ts';

interface ScheduleTimes {
  kind: 'at' | 'cron' | 'rate';
  /** The first occurrence strictly after `after`, or undefined when there is none. */
  nextAfter(after: Date): Date | undefined;
}

const AT = /^at\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\)$/;
const CRON = /^cron\((.+)\)$/;
const RATE = /^rate\((\d+) (minutes?|hours?|days?)\)$/;
const unitMs: Readonly<Record<string, number>> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

const validTimeZone = (timeZone: string): string => {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
    return timeZone;
  } catch {
    throw schedulerErrors.validation(`Invalid ScheduleExpressionTimezone: ${timeZone}`);
  }
};

/** EventBridge day-of-week numbers run 1 (SUN) to 7 (SAT); croner's 0 (SUN) to 6. Names are the same. */
const toCronerDayOfWeek = (field: string): string => field.replace(/\d+/g, (day) => String(Number(day) - 1));

const cronerPattern = (body: string): string => {
  const fields = body.trim().split(/\s+/);
  if (fields.length !== 6) throw schedulerErrors.validation(`cron() needs 6 fields (minutes hours day-of-month month day-of-week year): ${body}`);
  const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields;
  if (year !== '*') throw schedulerErrors.unsupported(`a cron year other than '*' (${year})`);
  if ((dayOfMonth === '?') === (dayOfWeek === '?')) throw schedulerErrors.validation(`cron(): exactly one of day-of-month and day-of-week must be '?': ${body}`);
  if (/[LW#]/.test(dayOfMonth + dayOfWeek)) throw schedulerErrors.unsupported(`L, W or # in cron() (${body})`);
  const dow = dayOfWeek === '?' ? '*' : toCronerDayOfWeek(dayOfWeek);
  const dom = dayOfMonth === '?' ? '*' : dayOfMonth;
  return `0 ${minutes} ${hours} ${dom} ${month} ${dow}`;
};

const cronTimes = (body: string, timeZone: string): ScheduleTimes => {
  let cron: Cron;
  try {
    cron = new Cron(cronerPattern(body), { timezone: timeZone, paused: true });
  } catch (error) {
    if (error instanceof Error && error.name === 'ValidationException') throw error;
    throw schedulerErrors.validation(`Invalid cron() expression: ${body} (${(error as Error).message})`);
  }
  return { kind: 'cron', nextAfter: (after) => cron.nextRun(after) ?? undefined };
};

const atTimes = (wallClock: string, timeZone: string): ScheduleTimes => {
  const at = new Cron(wallClock, { timezone: timeZone, paused: true });
  // croner answers nothing for an ISO time in the past; the instant itself is what a late start needs.
  const instant = at.nextRun(new Date(0));
  if (instant === null) throw schedulerErrors.validation(`Invalid at() expression: ${wallClock}`);
  return { kind: 'at', nextAfter: (after) => (instant.getTime() > after.getTime() ? instant : undefined) };
};

const rateTimes = (count: number, unit: string, createdAt: Date): ScheduleTimes => {
  if (count < 1) throw schedulerErrors.validation('rate() needs a positive value');
  const period = count * unitMs[unit.replace(/s$/, '')];
  return {
    kind: 'rate',
    nextAfter: (after) => new Date(createdAt.getTime() + (Math.floor((after.getTime() - createdAt.getTime()) / period) + 1) * period),
  };
};

const parseScheduleExpression = (expression: string, timeZone = 'UTC', createdAt = new Date(0)): ScheduleTimes => {
  const zone = validTimeZone(timeZone);
  const at = AT.exec(expression);
  if (at) return atTimes(at[1], zone);
  const cron = CRON.exec(expression);
  if (cron) return cronTimes(cron[1], zone);
  const rate = RATE.exec(expression);
  if (rate) return rateTimes(Number(rate[1]), rate[2], createdAt);
  throw schedulerErrors.validation(`Invalid ScheduleExpression: ${expression} (expected at(...), cron(...) or rate(...))`);
};

export { parseScheduleExpression };
export type { ScheduleTimes };
