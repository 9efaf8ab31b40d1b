// The service's factual-accuracy answer as the committee reads it: the one reader of the stored
// shape. The report record carries the answer (`factualAccuracy`: outcome, who, when) and the
// corrections per section beside it (`corrections`, record-stage-outcome/report-corrections.ts); the
// cycle keeps the same answer with its corrections (src/cycle-transitions.ts), and cycles recorded
// before corrections per section carry one text there.
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

/** The first of the places that holds corrections (an empty list is an answer too: accepted as drafted). */
const firstCorrections = (...places: unknown[]): unknown => places.find((place) => place !== undefined);

const factualAccuracyOf = (report: (Pick<ReportRecord, 'factualAccuracy'> & { corrections?: unknown }) | undefined, cycle: CycleRecord): FactualAccuracyView => {
  const onCycle = (cycle as CycleRecord & { factualAccuracy?: StoredAnswer }).factualAccuracy;
  const stored = (report?.factualAccuracy ?? onCycle) as StoredAnswer | undefined;
  if (!stored) return { outcome: 'open', corrections: [] };
  return {
    outcome: typeof stored.outcome === 'string' ? stored.outcome : 'open',
    ...(typeof stored.respondedBy === 'string' && stored.respondedBy !== '' ? { respondedBy: stored.respondedBy } : {}),
    corrections: correctionsOf(firstCorrections(report?.corrections, stored.corrections, onCycle?.corrections)),
  };
};

export { factualAccuracyOf };
