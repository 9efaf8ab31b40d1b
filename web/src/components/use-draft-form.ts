// The state of a one-submission form that keeps its draft in this browser (local-draft.ts): the
// draft saved as the person types, the errors by field id (for the error summary's links), the
// view (the form, its check-your-answers page, done), and a "Change" on the check page that goes
// back to the form with the field focused.
import { useEffect, useState } from 'preact/hooks';
import type { LocalDraft } from '../local-draft.ts';

type FormView = 'form' | 'check' | 'done';
type FieldErrors = Record<string, string>;

const useDraftForm = <T extends { savedAt?: string }>(store: LocalDraft<T>) => {
  const [draft, setDraft] = useState<T>(() => store.read());
  const [saved, setSaved] = useState<boolean | undefined>();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [view, setView] = useState<FormView>('form');
  const [focusOn, setFocusOn] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (view !== 'form' || !focusOn) return;
    document.getElementById(focusOn)?.focus();
    setFocusOn(undefined);
  }, [view, focusOn]);

  const update = (next: T) => {
    const stamped = { ...next, savedAt: new Date().toISOString() };
    setDraft(stamped);
    setSaved(store.write(stamped));
  };
  const change = (id: string) => {
    setView('form');
    setFocusOn(id);
  };
  const summary = Object.entries(errors).map(([id, text]) => ({ text, href: id === 'form' ? undefined : `#${id}` }));
  return { draft, update, saved, errors, setErrors, view, setView, change, busy, setBusy, summary };
};

export { useDraftForm };
export type { FieldErrors, FormView };
