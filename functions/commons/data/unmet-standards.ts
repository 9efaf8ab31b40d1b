// The standards the report counts as not met (the review team's rating where it rated, else the
// service's own), with the ones that block accreditation marked and listed first: what deferral
// evidence may be sent for (DESIGN §1.5), read by the service's page and checked on submission.
import { Rating } from '#core/ratings';
import { scoreReview } from '#core/scoring';
import type { Standard } from '#core/standards';
import { getReport } from '../helpers/records.ts';
import type { TaskRecord } from '../helpers/records.ts';
import { reviewRatingsOf } from './committee-pack.ts';

type UnmetStandard = Standard & { blocking: boolean };

const unmetStandardsOf = async (cycleId: string, standards: readonly Standard[], tasks?: readonly TaskRecord[]): Promise<UnmetStandard[]> => {
  const [{ self, peer }, report] = await Promise.all([reviewRatingsOf(cycleId, standards, tasks), getReport(cycleId)]);
  const blocking = new Set(report?.recommendation.blockingStandardIds ?? []);
  // Ratings were checked against the standards when submitted; one that slipped past (submitted before the
  // standards were imported) is left out here rather than failing the read (scoreReview refuses it).
  const known = new Set(standards.map((standard) => standard.id));
  const firstPeer = peer.filter((rating, index) => known.has(rating.standardId) && peer.findIndex((other) => other.standardId === rating.standardId) === index);
  const unmet = scoreReview({ standards, selfRatings: self, peerRatings: firstPeer })
    .results.filter((result) => result.effective === Rating.NotMet)
    .map(({ standard }) => ({ ...standard, blocking: blocking.has(standard.id) }));
  return [...unmet.filter((standard) => standard.blocking), ...unmet.filter((standard) => !standard.blocking)];
};

export { unmetStandardsOf };
export type { UnmetStandard };
