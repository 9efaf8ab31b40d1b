// The calendar invite (.ics, RFC 5545) attached to each reviewer's ReviewInvitation email and to
// VisitConfirmed / VisitCancelled. The peer-review visit is one day (DESIGN §1.4) whose hours the
// host sets later, so it is an all-day event on the visit date. The UID is derived from the cycle,
// so a rebooked or cancelled visit updates the same calendar entry instead of adding a second one;
// SEQUENCE says which version is newer (RFC 5545 §3.8.7.4).
// ical-generator rather than `ics`: the same RFC 5545 output at about half the bundle (`ics` validates
// with yup, which doubled the bytes every Lambda sending an invitation carries).
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventBusyStatus, ICalEventStatus } from 'ical-generator';
import * as z from './zod-mini.ts';
import { addDays, isIsoDate } from './iso-date.ts';
import type { IsoDate } from './iso-date.ts';
import { VisitInvitationError } from './operations-errors.ts';

interface InvitationPerson {
  name: string;
  email: string;
}

interface InvitedReviewer extends InvitationPerson {
  /** lead, professional, expert-by-experience (shown in the invite), or any label the caller uses. */
  role?: string;
}

interface VisitInvitationInput {
  cycleId: string;
  serviceName: string;
  hostAddress?: string;
  visitDate: IsoDate;
  reviewers: readonly InvitedReviewer[];
  organiser: InvitationPerson;
  /** Bump on every change of the same visit (rebooking): calendar clients keep the highest. Default 0. */
  sequence?: number;
  /** Cancels the entry the earlier invitations created (METHOD:CANCEL, STATUS:CANCELLED). */
  cancelled?: boolean;
  /**
   * When the invitation is issued (DTSTAMP). The core reads no clock, so the caller passes it;
   * without it the stamp is the start of the visit date, which keeps the output reproducible.
   */
  issuedAt?: Date;
}

interface CalendarAttachment {
  filename: string;
  contentType: 'text/calendar';
  content: string;
}

const emailAddress = z.email();

/** One stable identifier per cycle's visit, so updates and cancellations replace the entry. */
const visitUid = (cycleId: string): string => `visit-${cycleId}@accreditation-cycle`;

const describeTeam = (reviewers: readonly InvitedReviewer[]): string =>
  reviewers.map((reviewer) => `- ${reviewer.name}${reviewer.role ? ` (${reviewer.role})` : ''}`).join('\n');

const buildVisitInvitation = (input: VisitInvitationInput): CalendarAttachment => {
  if (!isIsoDate(input.visitDate)) throw new VisitInvitationError(input.cycleId, `visit date ${JSON.stringify(input.visitDate)} is not YYYY-MM-DD`);
  if (input.reviewers.length === 0) throw new VisitInvitationError(input.cycleId, 'no reviewers to invite');
  const unusable = [input.organiser, ...input.reviewers].find((person) => !emailAddress.safeParse(person.email).success);
  if (unusable) throw new VisitInvitationError(input.cycleId, `${unusable.name}'s email ${JSON.stringify(unusable.email)} is not an email address`);
  const calendar = ical({
    prodId: '//accreditation-cycle//visit-invitation//EN',
    method: input.cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  calendar.createEvent({
    id: visitUid(input.cycleId),
    sequence: input.sequence ?? 0,
    status: input.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    stamp: input.issuedAt ?? new Date(`${input.visitDate}T00:00:00.000Z`),
    summary: `Peer-review visit: ${input.serviceName}`,
    description: `Peer-review visit of ${input.serviceName} (cycle ${input.cycleId}).\n\nReview team:\n${describeTeam(input.reviewers)}`,
    ...(input.hostAddress === undefined ? {} : { location: input.hostAddress }),
    // Dates as YYYY-MM-DD strings are all-day dates with no time zone to shift them. DTEND of an
    // all-day event is exclusive (RFC 5545 §3.6.1): the day after the visit.
    allDay: true,
    start: input.visitDate,
    end: addDays(input.visitDate, 1),
    busystatus: ICalEventBusyStatus.BUSY,
    organizer: { name: input.organiser.name, email: input.organiser.email },
    attendees: input.reviewers.map((reviewer) => ({
      name: reviewer.name,
      email: reviewer.email,
      rsvp: true,
      status: ICalAttendeeStatus.NEEDSACTION,
      role: ICalAttendeeRole.REQ,
    })),
  });
  return { filename: input.cancelled ? 'visit-cancelled.ics' : 'visit-invitation.ics', contentType: 'text/calendar', content: calendar.toString() };
};

export { buildVisitInvitation, visitUid };
export type { CalendarAttachment, InvitationPerson, InvitedReviewer, VisitInvitationInput };
