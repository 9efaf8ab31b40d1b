// Small builders for standards and ratings, so each test states only what matters to it.
import type { StandardRating } from '#core/ratings';
import type { Standard } from '#core/standards';
import type { StandardType } from '#core/vocabulary';

/** `counts[type]` standards of each type, ids like `T2-03`, sections by type. */
const standardsOf = (counts: Partial<Record<StandardType, number>>): Standard[] =>
  ([1, 2, 3] as const).flatMap((type) =>
    Array.from({ length: counts[type] ?? 0 }, (_, i) => ({
      id: `T${type}-${String(i + 1).padStart(2, '0')}`,
      section: `Section ${type}`,
      type,
      text: `Type ${type} standard number ${i + 1}.`,
    })),
  );

type Shape = Partial<Record<StandardType, { notMet?: number; na?: number }>>;

/** Rates every standard met except, per type, the first `notMet` (not met) and the next `na` (not applicable). */
const ratingsOf = (standards: Standard[], shape: Shape = {}): StandardRating[] => {
  const seen: Record<number, number> = { 1: 0, 2: 0, 3: 0 };
  return standards.map((standard) => {
    const index = seen[standard.type]++;
    const { notMet = 0, na = 0 } = shape[standard.type] ?? {};
    const rating = index < notMet ? 'not-met' : index < notMet + na ? 'not-applicable' : 'met';
    return { standardId: standard.id, rating };
  });
};

export { ratingsOf, standardsOf };
