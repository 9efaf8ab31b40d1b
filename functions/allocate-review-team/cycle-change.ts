// The cycle's side of an allocation: its next stage and deadlines, and the fields every
// allocation record of the cycle carries.
import { stepDeadline } from '#commons/helpers/deadlines';
import { CallbackStage } from '#core/vocabulary';
import type { AllocationContext, CycleChange } from './decision.ts';

/** The cycle's next stage: invitations for a team (with the visit's deadlines), staff for none. */
const changeFor = ({ cycle, network, today }: AllocationContext, date: string | undefined): CycleChange => {
  if (date === undefined) {
    return { stage: CallbackStage.manualAllocation, set: { deadlines: { ...cycle.deadlines, [CallbackStage.manualAllocation]: stepDeadline(cycle, network.config, CallbackStage.manualAllocation, today) } } };
  }
  // Every window is the steps table's (src/workflow-steps.ts): acceptance, the visit day, the ratings.
  const ratingsDue = stepDeadline(cycle, network.config, CallbackStage.peerRatings, today, date);
  const deadlines = {
    ...cycle.deadlines,
    [CallbackStage.reviewerAcceptance]: stepDeadline(cycle, network.config, CallbackStage.reviewerAcceptance, today, date),
    [CallbackStage.visit]: stepDeadline(cycle, network.config, CallbackStage.visit, today, date),
    ...(ratingsDue ? { [CallbackStage.peerRatings]: ratingsDue } : {}),
  };
  return { stage: CallbackStage.reviewerAcceptance, set: { deadlines, visitDate: date }, add: { visitBookings: 1 } };
};

const baseRecord = ({ cycle, offer, inputs, at }: AllocationContext, allocatedBy: string) => ({
  cycleId: cycle.cycleId,
  networkId: cycle.networkId,
  cohortId: cycle.cohortId,
  hostServiceId: inputs.host.serviceId,
  hostOrganisationId: inputs.host.organisationId,
  offeredDates: offer.dates,
  ...(offer.hostAddress ? { hostAddress: offer.hostAddress } : {}),
  allocatedBy,
  acceptedBy: [],
  updatedAt: at,
});

export { baseRecord, changeFor };
