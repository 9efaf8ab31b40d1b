// The three boxes of an NHS.UK date input and how they read as a date. Kept apart from the
// component (components/fields.ts) so form checks that read dates import no preact.
interface DateValue {
  day: string;
  month: string;
  year: string;
}

/** "2025-01-06", or an error in the words of the NHS.UK date input guidance. */
const isoDateOf = ({ day, month, year }: DateValue, label = 'Start date'): { date?: string; error?: string } => {
  if (!day && !month && !year) return {};
  if (!day || !month || !year) return { error: `${label} must include a ${!day ? 'day' : !month ? 'month' : 'year'}` };
  const [d, m, y] = [Number(day), Number(month), Number(year)];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (!/^\d{4}$/.test(year) || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return { error: `${label} must be a real date` };
  }
  return { date: date.toISOString().slice(0, 10) };
};

export { isoDateOf };
export type { DateValue };
