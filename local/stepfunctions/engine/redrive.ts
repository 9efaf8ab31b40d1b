// RedriveExecution on the replay journal. AWS "continues the failed execution from the
// unsuccessful step ... doesn't rerun [the successful steps]", and for an Inline Map or Parallel
// state "redrives only the iterations and branches that failed or aborted" (API reference,
// RedriveExecution). The run is replayed from its input as after a restart; only the events of
// what did not complete are set aside ("forgotten"), so those steps run again and everything
// else is replayed from the history. The history itself keeps every event, as AWS's does.
import type { HistoryEvent } from '../store/types.ts';
import { forgottenByRedrives } from './history.ts';

/** Journal keys of the redrive bookkeeping, outside every strand. */
const redriveKeyPrefix = 'redrive#';

/** A strand's completed-work markers: a state exited, an iteration succeeded, the execution started. */
const isCompletion = (type: string): boolean => type.endsWith('StateExited') || type === 'MapIterationSucceeded' || type === 'ExecutionStarted';

const strandOf = (key: string): string => key.slice(0, key.lastIndexOf('#'));
const seqOf = (key: string): number => Number(key.slice(key.lastIndexOf('#') + 1));

/**
 * The ids of the events that a redrive sets aside: in every strand (the top level, each branch,
 * each iteration), what follows its last completed work.
 */
const eventsToForget = (events: readonly HistoryEvent[]): number[] => {
  const forgotten = forgottenByRedrives(events);
  const live = events.filter((event) => !forgotten.has(event.id) && !event.key.startsWith(redriveKeyPrefix));
  const lastCompleted = new Map<string, number>();
  for (const event of live) {
    if (!isCompletion(event.type)) continue;
    const strand = strandOf(event.key);
    lastCompleted.set(strand, Math.max(lastCompleted.get(strand) ?? -1, seqOf(event.key)));
  }
  return live.filter((event) => seqOf(event.key) > (lastCompleted.get(strandOf(event.key)) ?? -1)).map((event) => event.id);
};

export { eventsToForget, redriveKeyPrefix };
