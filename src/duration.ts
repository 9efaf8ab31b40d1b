// A span of time as a coordinator writes it in network.yaml: exactly one of days,
// working days, weeks or months ("3 months for accreditation", "10 working days").
import * as z from './zod-mini.ts';
import { addWorkingDays, englandAndWales, type HolidayCalendar, onOrAfterWorkingDay } from './calendar.ts';
import { addDays, addMonths, type IsoDate } from './iso-date.ts';

const UNITS = ['days', 'workingDays', 'weeks', 'months'] as const;

const count = () => z.optional(z.number().check(z.int(), z.positive()));

const durationSchema = z
  .strictObject({ days: count(), workingDays: count(), weeks: count(), months: count() })
  .check(z.superRefine((value, ctx) => {
    const given = UNITS.filter((unit) => value[unit] !== undefined);
    if (given.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: 'A duration names exactly one unit',
        input: value,
        params: { expected: `exactly one of ${UNITS.join(', ')} (e.g. { weeks: 4 })` },
      });
    }
  }));
type Duration = z.infer<typeof durationSchema>;

/**
 * The date a duration ends, counted from `from`. Calendar units that land on a weekend or
 * bank holiday move to the next working day, so a deadline is always a day people work.
 */
const endOfDuration = (from: IsoDate, duration: Duration, holidays: HolidayCalendar = englandAndWales): IsoDate => {
  if (duration.workingDays !== undefined) return addWorkingDays(from, duration.workingDays, holidays);
  if (duration.days !== undefined) return onOrAfterWorkingDay(addDays(from, duration.days), holidays);
  if (duration.weeks !== undefined) return onOrAfterWorkingDay(addDays(from, duration.weeks * 7), holidays);
  return onOrAfterWorkingDay(addMonths(from, duration.months ?? 0), holidays);
};

const describeDuration = (duration: Duration): string => {
  const unit = UNITS.find((u) => duration[u] !== undefined) ?? 'days';
  const amount = duration[unit] ?? 0;
  const words = { days: 'day', workingDays: 'working day', weeks: 'week', months: 'month' }[unit];
  return `${amount} ${words}${amount === 1 ? '' : 's'}`;
};

export { describeDuration, durationSchema, endOfDuration };
export type { Duration };
