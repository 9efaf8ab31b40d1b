// Loads data for a page and re-loads when its inputs change; a late answer for old inputs is dropped.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

type Loaded<T> = { state: 'loading' } | { state: 'ready'; data: T } | { state: 'failed'; error: Error };

const useLoad = <T>(load: () => Promise<T>, inputs: readonly unknown[]): Loaded<T> & { reload: () => void } => {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const latest = useRef(0);
  useEffect(() => {
    const run = ++latest.current;
    load().then(
      (data) => run === latest.current && setLoaded({ state: 'ready', data }),
      (error: unknown) => run === latest.current && setLoaded({ state: 'failed', error: error instanceof Error ? error : new Error(String(error)) }),
    );
  }, [...inputs, attempt]);
  const reload = useCallback(() => setAttempt((count) => count + 1), []);
  return { ...loaded, reload };
};

export { useLoad };
export type { Loaded };
