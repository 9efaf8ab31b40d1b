// The calendar invite of a cycle's visit, as its team's emails attach it and the reviewer's page
// offers it: one builder, so a download is the same entry later updates replace. Its own module, so
// only the functions that build an invite bundle the calendar library.
import { buildVisitInvitation } from '#core/visit-invitation';
import type { CalendarAttachment } from '#core/visit-invitation';
import type { AllocationRecord, CycleRecord } from './records.ts';
import { reviewerRoleLabel } from './review-team.ts';

/** The network staff mailbox (the committee's when the network names none): who organises the visit. */
const visitOrganiserOf = (cycle: CycleRecord): string | undefined => (cycle.contacts.networkStaff ?? cycle.contacts.committee)[0];

const teamVisitInvitation = (cycle: CycleRecord, allocation: AllocationRecord & { date: string }, organiser: string): CalendarAttachment =>
  buildVisitInvitation({
    cycleId: cycle.cycleId,
    serviceName: cycle.serviceName,
    ...(allocation.hostAddress ? { hostAddress: allocation.hostAddress } : {}),
    visitDate: allocation.date,
    reviewers: allocation.team.map((member) => ({ name: member.name, email: member.email, role: reviewerRoleLabel(member.role) })),
    organiser: { name: cycle.networkName, email: organiser },
    // Each rebooking of the same cycle's visit supersedes the previous invite in calendar clients.
    sequence: cycle.visitBookings ?? 0,
  });

export { teamVisitInvitation, visitOrganiserOf };
