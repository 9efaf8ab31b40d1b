// A half-done one-time form (the committee's decision, deferral evidence, an appeal, a visit
// cancellation) kept in this browser's localStorage, keyed by form, cycle and signed-in person, so
// closing the browser loses nothing. Nothing is sent until the person submits; the pages say the
// draft stays on this computer.

const keyOf = (form: string, cycleId: string, user: string): string => `accredit:${form}:${cycleId}:${user}`;

/** The saved draft over `empty` (its fields win where stored), or `empty` when storage is off or holds something else. */
const readFormDraft = <T extends object>(form: string, cycleId: string, user: string, empty: T): T => {
  try {
    const stored = JSON.parse(localStorage.getItem(keyOf(form, cycleId, user)) ?? 'null') as unknown;
    return stored && typeof stored === 'object' && !Array.isArray(stored) ? { ...empty, ...(stored as Partial<T>) } : empty;
  } catch {
    return empty;
  }
};

/** False when the browser refuses (private mode, storage full), so the page can say so. */
const writeFormDraft = (form: string, cycleId: string, user: string, draft: object): boolean => {
  try {
    localStorage.setItem(keyOf(form, cycleId, user), JSON.stringify(draft));
    return true;
  } catch {
    return false;
  }
};

const clearFormDraft = (form: string, cycleId: string, user: string): void => {
  try {
    localStorage.removeItem(keyOf(form, cycleId, user));
  } catch {
    // Nothing to clear when storage is off.
  }
};

export { clearFormDraft, readFormDraft, writeFormDraft };
