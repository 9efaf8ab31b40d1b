// The state of a one-time form (form → check your answers → done): the draft kept in this browser
// as the person types (local-draft.ts), the errors by field id (for the error summary's links),
// which view shows, the field a Change link returns to (focused once the form is back), and the
// submission in flight. Date offers, factual accuracy, the committee's decision, deferral evidence
// and the appeal use it; the self-review, which many people fill in together, saves on the server.
import { useEffect, useState } from 'preact/hooks';
import { localDraft } from '../local-draft.ts';

type FormView = 'form' | 'check' | 'done';
type Errors = Record<string, string>;

const scrollToTop = () => globalThis.scrollTo(0, 0);

/** `form`, `cycleId` and `user` key the draft; `empty` is the draft when nothing (readable) is stored. */
const useOneTimeForm = <T extends object>(form: string, cycleId: string, user: string, empty: T) => {
  const store = localDraft<T & { savedAt?: string }>(form, cycleId, user, () => empty);
  const [draft, setDraft] = useState<T & { savedAt?: string }>(() => store.read());
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
    setSaved(store.write(next));
  };
  /** To the check page when `found` is empty, else the errors on the form. */
  const toCheck = (found: Errors) => {
    setErrors(found);
    if (Object.keys(found).length === 0) {
      setView('check');
      scrollToTop();
    }
  };
  /** A Change link: back to the form, at the field. */
  const change = (fieldId: string) => {
    setView('form');
    setFocusOn(fieldId);
  };
  /** Back to the form as it was left. */
  const backToForm = () => setView('form');
  /** Sends once; done and the draft deleted, or back on the form with the errors `explain` makes of the refusal. */
  const submit = async (send: () => Promise<unknown>, explain: (error: unknown) => Errors) => {
    setBusy(true);
    try {
      await send();
      store.clear();
      setView('done');
    } catch (error) {
      setErrors(explain(error));
      setView('form');
    } finally {
      setBusy(false);
      scrollToTop();
    }
  };
  const summary = Object.entries(errors).map(([id, text]) => ({ text, href: id === 'form' ? undefined : `#${id}` }));
  return { draft, update, saved, errors, summary, view, toCheck, change, backToForm, submit, busy };
};

export { useOneTimeForm };
export type { Errors, FormView };
