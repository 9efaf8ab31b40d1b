// A half-done form kept in this browser's localStorage, keyed by form, cycle and signed-in person,
// so closing the browser loses nothing (issue 9: "save as you go"). Nothing is sent until the
// person submits; the page says the draft stays on this computer. Used by the one-time forms
// (components/use-one-time-form.ts).

interface LocalDraft<T> {
  read(): T;
  /** False when the browser refuses (private mode, storage full), so the page can say so. */
  write(draft: T): boolean;
  clear(): void;
}

/** The draft store of one form for one cycle and person; `empty` is used when nothing (or something unreadable) is stored. */
const localDraft = <T extends object>(form: string, cycleId: string, user: string, empty: () => T): LocalDraft<T> => {
  const key = `accredit:${form}:${cycleId}:${user}`;
  return {
    read: () => {
      try {
        const stored = JSON.parse(localStorage.getItem(key) ?? 'null') as unknown;
        return stored && typeof stored === 'object' && !Array.isArray(stored) ? { ...empty(), ...(stored as Partial<T>) } : empty();
      } catch {
        return empty();
      }
    },
    write: (draft) => {
      try {
        localStorage.setItem(key, JSON.stringify(draft));
        return true;
      } catch {
        return false;
      }
    },
    clear: () => {
      try {
        localStorage.removeItem(key);
      } catch {
        // Nothing to clear when storage is off.
      }
    },
  };
};

export { localDraft };
export type { LocalDraft };
