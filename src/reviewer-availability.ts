// When a reviewer can visit, as a network coordinator records it: ranges of days ("from September
// to December"), an open-ended range for "available unless I say otherwise", and the days or
// ranges they cannot do. Listing every working day (the older `availableOn` form, still accepted)
// made each reviewer item about 6.6 KB for two years, so a 2,000-reviewer pool took seconds to read
// (issue 12, defect 10; issue 14). Visit dates are UK working days already (visit-dates.ts), so a
// range need not skip weekends or bank holidays.
import type { IsoDate } from './iso-date.ts';

/** Inclusive; no `to` means from `from` on, until said otherwise. */
interface DateRange {
  from: IsoDate;
  to?: IsoDate;
}

interface Availability {
  /** Explicit days (the form every pool used before ranges). */
  availableOn?: readonly IsoDate[];
  /** Explicit ranges, open-ended or not. */
  available?: readonly DateRange[];
  /** Days the reviewer cannot do, whatever `availableOn` or `available` say. */
  unavailable?: readonly DateRange[];
}

const inRange = (date: IsoDate, range: DateRange): boolean => range.from <= date && (range.to === undefined || date <= range.to);

const compiled = new WeakMap<Availability, (date: IsoDate) => boolean>();

/**
 * Whether the reviewer can visit on the date: listed (a day in `availableOn` or inside an
 * `available` range) and not excluded (inside an `unavailable` range). A reviewer who gave neither
 * days nor ranges is available on no day: nobody is booked who did not say they could come.
 * Built once per reviewer object (a cohort asks the same pool about many dates).
 */
const isAvailableOn = (reviewer: Availability, date: IsoDate): boolean => {
  let test = compiled.get(reviewer);
  if (test === undefined) {
    const days = new Set(reviewer.availableOn ?? []);
    const ranges = reviewer.available ?? [];
    const excluded = reviewer.unavailable ?? [];
    const inAny = (day: IsoDate, list: readonly DateRange[]) => {
      for (const range of list) if (inRange(day, range)) return true;
      return false;
    };
    // The common shapes get a test without closures per call: a cohort asks this hundreds of thousands of times (issue 14).
    if (ranges.length === 0 && excluded.length === 0) test = (day) => days.has(day);
    else if (days.size === 0 && excluded.length === 0) test = (day) => inAny(day, ranges);
    else test = (day) => (days.has(day) || inAny(day, ranges)) && !inAny(day, excluded);
    compiled.set(reviewer, test);
  }
  return test(date);
};

/** Whether the reviewer listed any day or range at all (a pool check warns about those who did not). */
const hasAvailability = (reviewer: Availability): boolean => (reviewer.availableOn?.length ?? 0) > 0 || (reviewer.available?.length ?? 0) > 0;

export { hasAvailability, isAvailableOn };
export type { Availability, DateRange };
