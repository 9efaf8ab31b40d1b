// The cycle's side of an allocation: its next stage and deadlines, and the fields every
// allocation record of the cycle carries.
import { startOfUkDay } from '#core/uk-time';
import { acceptanceDeadline, manualAllocationDeadline, peerRatingsDeadline } from '#commons/helpers/deadlines';
import { CallbackStage } from '#commons/schemas/workflow';
import type { AllocationContext, CycleChange } from './decision.ts';

/** The cycle's next stage: invitations for a team (with the visit's deadlines), staff for none. */
const changeFor = ({ cycle, network, today }: AllocationContext, date: string | undefined): CycleChange => {
  if (date === undefined) {
    return { stage: CallbackStage.manualAllocation, set: { deadlines: { ...cycle.deadlines, [CallbackStage.manualAllocation]: manualAllocationDeadline(today) } } };
  }
  const ratingsDue = peerRatingsDeadline(cycle, network.config, date);
  const deadlines = {
    ...cycle.deadlines,
    [CallbackStage.reviewerAcceptance]: acceptanceDeadline(today, date),
    // The visit step is held until the visit day begins (UK time).
    [CallbackStage.visit]: startOfUkDay(date),
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
