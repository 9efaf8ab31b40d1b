// Runs child strands (Parallel branches, Map iterations) with an optional concurrency limit.
// The first failure stops the others, as on AWS, and becomes the parent state's error once
// every child has unwound.
import { ExecutionInterrupted } from '../errors.ts';
import type { Json } from '../jsonata.ts';
import type { Strand, StrandKind } from './strand.ts';

interface ChildWork {
  pathSuffix: string;
  run: (child: Strand) => Promise<Json>;
}

const isSiblingStop = (error: unknown): boolean => error instanceof ExecutionInterrupted && error.reason === 'sibling-failed';

interface ChildrenOutcome {
  results: Json[];
  /** The last event any child recorded: AWS points the parent's next events at it. */
  lastChildEventId: number;
}

const runChildren = async (parent: Strand, kind: StrandKind, children: ChildWork[], maxConcurrency = 0): Promise<ChildrenOutcome> => {
  const controller = new AbortController();
  const stopChildren = () => controller.abort(parent.signal.reason);
  parent.signal.addEventListener('abort', stopChildren, { once: true });
  const results: Json[] = new Array(children.length).fill(null);
  let firstError: unknown;
  let nextIndex = 0;
  let lastChildEventId = parent.lastEventId;
  const limit = maxConcurrency > 0 ? Math.min(maxConcurrency, children.length) : children.length;

  const worker = async () => {
    while (nextIndex < children.length && firstError === undefined) {
      const index = nextIndex++;
      const work = children[index];
      const child = parent.child(work.pathSuffix, parent.variables.child(), controller.signal, kind);
      parent.run.activity.begin();
      try {
        results[index] = await work.run(child);
      } catch (error) {
        if (firstError === undefined && !isSiblingStop(error)) {
          firstError = error;
          controller.abort(new ExecutionInterrupted('sibling-failed'));
        }
      } finally {
        lastChildEventId = Math.max(lastChildEventId, child.lastEventId);
        parent.run.activity.end();
      }
    }
  };

  try {
    await parent.block(Promise.all(Array.from({ length: limit }, worker)));
  } finally {
    parent.signal.removeEventListener('abort', stopChildren);
  }
  parent.lastEventId = lastChildEventId;
  parent.throwIfInterrupted();
  if (firstError !== undefined) throw firstError;
  return { results, lastChildEventId };
};

export { runChildren, isSiblingStop };
export type { ChildWork };
