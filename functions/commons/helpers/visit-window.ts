// The visit window of a cycle (#core/visit-dates): counted from the date-offer step's current
// deadline (which an extension or a rebooking moves) with the network's `visit` duration for the
// cycle's membership type, from the configuration version the cycle started with.
import { ukDateOf } from '#core/uk-time';
import { CallbackStage } from '#core/vocabulary';
import { visitWindow } from '#core/visit-dates';
import type { VisitWindow } from '#core/visit-dates';
import { configOfCycle } from './networks.ts';
import type { CycleRecord } from './records.ts';

/** The window, or undefined when the cycle has no date-offer deadline or its network has no visit duration. */
const visitWindowOf = async (cycle: CycleRecord): Promise<VisitWindow | undefined> => {
  const offerDueAt = cycle.deadlines?.[CallbackStage.peerReviewScheduling];
  const network = await configOfCycle(cycle);
  const visitDuration = network?.config.stageDurations[cycle.membershipType]?.visit;
  if (!offerDueAt || !visitDuration) return undefined;
  return visitWindow(ukDateOf(new Date(offerDueAt)), visitDuration);
};

export { visitWindowOf };
