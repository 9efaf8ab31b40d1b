// Deadlines are whole UK days: a task "due on 2025-07-04" may be met until that day ends in
// England and Wales (Europe/London), which is 22:59:59Z in British Summer Time and 23:59:59Z
// in winter. Pure: the instant to convert is always passed in.
import type { IsoDate } from './iso-date.ts';
import { toDayNumber } from './iso-date.ts';

const UK_TIME_ZONE = 'Europe/London';
const MS_PER_MINUTE = 60_000;

const ukParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: UK_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

const wallClockOf = (instantMs: number): Record<string, number> =>
  Object.fromEntries(
    ukParts
      .formatToParts(new Date(instantMs))
      .filter((part) => part.type !== 'literal')
      .map((part) => [part.type, Number(part.value)]),
  );

/** Minutes the UK wall clock is ahead of UTC at an instant (0 in GMT, 60 in BST). */
const ukOffsetMinutes = (instantMs: number): number => {
  const wall = wallClockOf(instantMs);
  const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return Math.round((wallAsUtc - Math.floor(instantMs / 1000) * 1000) / MS_PER_MINUTE);
};

/** The instant a UK wall-clock time on `date` happens. Clock changes happen at 01:00 UTC, never near the times used here. */
const ukInstant = (date: IsoDate, hour: number, minute: number, second: number): Date => {
  const wallAsUtc = toDayNumber(date) * 86_400_000 + ((hour * 60 + minute) * 60 + second) * 1000;
  return new Date(wallAsUtc - ukOffsetMinutes(wallAsUtc) * MS_PER_MINUTE);
};

/** The last second of a UK day, as an ISO timestamp (UTC): what a deadline "on" that day means. */
const endOfUkDay = (date: IsoDate): string => ukInstant(date, 23, 59, 59).toISOString();

/** Midnight at the start of a UK day, as an ISO timestamp (UTC). */
const startOfUkDay = (date: IsoDate): string => ukInstant(date, 0, 0, 0).toISOString();

/** The UK calendar date at an instant ("today" for a deadline counted in UK days). */
const ukDateOf = (instant: Date): IsoDate => {
  const wall = wallClockOf(instant.getTime());
  return `${String(wall.year).padStart(4, '0')}-${String(wall.month).padStart(2, '0')}-${String(wall.day).padStart(2, '0')}`;
};

export { endOfUkDay, startOfUkDay, UK_TIME_ZONE, ukDateOf, ukOffsetMinutes };
