import { describe, expect, it } from 'vitest';
import { VisitInvitationError } from '#core/operations-errors';
import { buildVisitInvitation, visitUid } from '#core/visit-invitation';
import type { VisitInvitationInput } from '#core/visit-invitation';

const input = (overrides: Partial<VisitInvitationInput> = {}): VisitInvitationInput => ({
  cycleId: 'cohort-2025--riverside',
  serviceName: 'Riverside Adolescent Unit',
  hostAddress: '1 High Street, Leeds LS1 1AA',
  visitDate: '2025-06-10',
  reviewers: [
    { name: 'Dr Ada Lead', email: 'ada@trust-a.example.org', role: 'lead' },
    { name: 'Sam Peer', email: 'sam@trust-b.example.org', role: 'professional' },
  ],
  organiser: { name: 'Network office', email: 'network@example.org' },
  ...overrides,
});

/** Unfolds RFC 5545 folded lines (CRLF followed by a space or tab continues the line). */
const lines = (content: string): string[] => content.replace(/\r\n[ \t]/g, '').split('\r\n');
const property = (content: string, name: string): string[] =>
  lines(content).filter((line) => line.startsWith(`${name}:`) || line.startsWith(`${name};`));

describe('Function: buildVisitInvitation', () => {
  it('returns a text/calendar attachment with one VEVENT', () => {
    // Act
    const invitation = buildVisitInvitation(input());
    // Assess
    expect(invitation.contentType).toBe('text/calendar');
    expect(invitation.filename).toBe('visit-invitation.ics');
    expect(lines(invitation.content)).toEqual(expect.arrayContaining(['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'END:VEVENT', 'METHOD:REQUEST', 'STATUS:CONFIRMED']));
  });

  it.each([
    ['2025-06-10', '20250610', '20250611'],
    ['2025-12-31', '20251231', '20260101'],
    ['2028-02-28', '20280228', '20280229'],
  ])('a visit on %s is an all-day event from %s to the exclusive end %s', (visitDate, start, end) => {
    // Act
    const { content } = buildVisitInvitation(input({ visitDate }));
    // Assess
    expect(property(content, 'DTSTART')).toEqual([`DTSTART;VALUE=DATE:${start}`]);
    expect(property(content, 'DTEND')).toEqual([`DTEND;VALUE=DATE:${end}`]);
  });

  it('invites every reviewer as a required participant who is asked to reply', () => {
    // Act
    const { content } = buildVisitInvitation(input());
    // Assess
    const attendees = property(content, 'ATTENDEE');
    expect(attendees).toHaveLength(2);
    expect(attendees[0]).toMatch(/RSVP=TRUE/);
    expect(attendees[0]).toMatch(/mailto:ada@trust-a\.example\.org$/i);
    expect(attendees[1]).toMatch(/mailto:sam@trust-b\.example\.org$/i);
    expect(property(content, 'ORGANIZER')[0]).toMatch(/mailto:network@example\.org$/i);
  });

  it('escapes commas and semicolons of the service name and address (RFC 5545 TEXT)', () => {
    // Act
    const { content } = buildVisitInvitation(input({ serviceName: 'Unit A; Ward 3, North', hostAddress: 'Ward 3, North Block' }));
    // Assess
    expect(property(content, 'SUMMARY')).toEqual(['SUMMARY:Peer-review visit: Unit A\\; Ward 3\\, North']);
    expect(property(content, 'LOCATION')).toEqual(['LOCATION:Ward 3\\, North Block']);
  });

  it('leaves LOCATION out when the host address is not known yet', () => {
    // Act
    const { content } = buildVisitInvitation(input({ hostAddress: undefined }));
    // Assess
    expect(property(content, 'LOCATION')).toEqual([]);
  });

  it('keeps one UID per cycle, so a rebooked visit (higher SEQUENCE) replaces the entry', () => {
    // Act
    const first = buildVisitInvitation(input());
    const rebooked = buildVisitInvitation(input({ visitDate: '2025-07-01', sequence: 1 }));
    // Assess
    expect(property(first.content, 'UID')).toEqual([`UID:${visitUid('cohort-2025--riverside')}`]);
    expect(property(rebooked.content, 'UID')).toEqual(property(first.content, 'UID'));
    expect(property(rebooked.content, 'SEQUENCE')).toEqual(['SEQUENCE:1']);
  });

  it('cancels the entry with METHOD:CANCEL and STATUS:CANCELLED', () => {
    // Act
    const cancelled = buildVisitInvitation(input({ cancelled: true, sequence: 2 }));
    // Assess
    expect(cancelled.filename).toBe('visit-cancelled.ics');
    expect(property(cancelled.content, 'METHOD')).toEqual(['METHOD:CANCEL']);
    expect(property(cancelled.content, 'STATUS')).toEqual(['STATUS:CANCELLED']);
  });

  it.each([
    ['given', new Date('2025-05-01T08:30:00.000Z'), 'DTSTAMP:20250501T083000Z'],
    ['left out (reproducible: start of the visit day)', undefined, 'DTSTAMP:20250610T000000Z'],
  ])('stamps the issue time when %s', (_label, issuedAt, expected) => {
    // Act
    const { content } = buildVisitInvitation(input({ issuedAt }));
    // Assess
    expect(property(content, 'DTSTAMP')).toEqual([expected]);
  });

  it.each([
    ['a visit date that is not YYYY-MM-DD', { visitDate: '10/06/2025' }],
    ['no reviewers', { reviewers: [] }],
    ['an unusable reviewer email', { reviewers: [{ name: 'X', email: 'not an email' }] }],
  ])('refuses %s with VisitInvitationError', (_label, overrides) => {
    // Act
    const build = () => buildVisitInvitation(input(overrides));
    // Assess
    expect(build).toThrow(VisitInvitationError);
  });
});
