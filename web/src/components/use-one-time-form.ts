// The state of a one-time form (form → check your answers → done): the draft kept in this browser
// as the person types (form-draft.ts), the errors by field id, which view shows, the field a Change
// link returns to (focused once the form is back), and the submission in flight.
import { useEffect, useState } from 'preact/hooks';
import { clearFormDraft, readFormDraft, writeFormDraft } from '../form-draft.ts';

type FormView = 'form' | 'check' | 'done';
type Errors = Record<string, string>;

const useOneTimeForm = <T extends object>(form: string, cycleId: string, user: string, empty: T) => {
  const [draft, setDraft] = useState<T & { savedAt?: string }>(() => readFormDraft(form, cycleId, user, empty));
  const [saved, setSaved] = useState<boolean | undefined>();
  const [errors, setErrors] = useState<Errors>({});
  const [view, setView] = useState<FormView>('form');
  const [focusOn, setFocusOn] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (view !== 'form' || !focusOn) return;
    document.getElementById(focusOn)?.focus();
    setFocusOn(undefined);
  }, [view, focusOn]);

  const update = (change: Partial<T>) => {
    const next = { ...draft, ...change, savedAt: new Date().toISOString() };
    setDraft(next);
    setSaved(writeFormDraft(form, cycleId, user, next));
  };
  /** To the check page when `found` is empty, else the errors on the form. */
  const toCheck = (found: Errors) => {
    setErrors(found);
    if (Object.keys(found).length === 0) {
      setView('check');
      window.scrollTo(0, 0);
    }
  };
  /** A Change link: back to the form, at the field. */
  const change = (fieldId: string) => {
    setView('form');
    setFocusOn(fieldId);
  };
  /** Sends once; done and the draft deleted, or back on the form with the errors `explain` makes of the refusal. */
  const submit = async (send: () => Promise<unknown>, explain: (error: unknown) => Errors) => {
    setBusy(true);
    try {
      await send();
      clearFormDraft(form, cycleId, user);
      setView('done');
    } catch (error) {
      setErrors(explain(error));
      setView('form');
      window.scrollTo(0, 0);
    } finally {
      setBusy(false);
    }
  };
  const summary = Object.entries(errors).map(([id, text]) => ({ text, href: id === 'form' ? undefined : `#${id}` }));
  return { draft, update, saved, errors, summary, view, toCheck, change, submit, busy };
};

export { useOneTimeForm };
export type { Errors, FormView };
