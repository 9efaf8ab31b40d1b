// The service's factual-accuracy answer as the committee reads it: the one reader of the stored
// shape, so a change of that shape (corrections per report section, stored on the report record)
// is one edit here. Read from the report record where it carries the answer, else from the cycle,
// where the stage outcome records it today (src/cycle-transitions.ts: one `corrections` text).
import type { Correction, FactualAccuracyView } from '#core/committee-pack';
import type { CycleRecord, ReportRecord } from '../helpers/records.ts';

type StoredAnswer = { outcome?: unknown; respondedBy?: unknown; corrections?: unknown };

/** A text, a list of texts, or a list of { section, text } (per section): each non-empty one as a Correction. */
const correctionsOf = (stored: unknown): Correction[] => {
  if (typeof stored === 'string') return stored.trim() === '' ? [] : [{ text: stored.trim() }];
  if (!Array.isArray(stored)) return [];
  return stored.flatMap((item): Correction[] => {
    if (typeof item === 'string') return correctionsOf(item);
    if (typeof item !== 'object' || item === null) return [];
    const { section, text } = item as { section?: unknown; text?: unknown };
    if (typeof text !== 'string' || text.trim() === '') return [];
    return [{ ...(typeof section === 'string' && section !== '' ? { section } : {}), text: text.trim() }];
  });
};

const factualAccuracyOf = (report: Pick<ReportRecord, 'factualAccuracy'> | undefined, cycle: CycleRecord): FactualAccuracyView => {
  const stored = (report?.factualAccuracy ?? (cycle as CycleRecord & { factualAccuracy?: StoredAnswer }).factualAccuracy) as StoredAnswer | undefined;
  if (!stored) return { outcome: 'open', corrections: [] };
  return {
    outcome: typeof stored.outcome === 'string' ? stored.outcome : 'open',
    ...(typeof stored.respondedBy === 'string' && stored.respondedBy !== '' ? { respondedBy: stored.respondedBy } : {}),
    corrections: correctionsOf(stored.corrections),
  };
};

export { factualAccuracyOf };
