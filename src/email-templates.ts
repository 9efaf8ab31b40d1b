// Names of the SES templates; each has a source file in emails/ with the same TemplateName and
// example data in emails/samples/<TemplateName>.json (which documents the variables it needs).
const EmailTemplate = {
  welcome: 'AccreditationWelcome',
  taskOpened: 'AccreditationTaskOpened',
  /** A step reopened by staff's extension: the old and the new deadline (not "is open" again). */
  deadlineExtended: 'DeadlineExtended',
  outcome: 'AccreditationOutcome',
  reminder: 'AccreditationReminder',
  /** Escalation of a missed deadline: service lead, then the organisation's QI lead, then the network manager. */
  overdue: 'AccreditationOverdue',
  /** To each reviewer, with the .ics invite (src/visit-invitation.ts) attached. */
  reviewInvitation: 'ReviewInvitation',
  visitConfirmed: 'VisitConfirmed',
  visitCancelled: 'VisitCancelled',
  draftReport: 'DraftReportForFactualAccuracy',
  /** To the lead reviewer: the service's corrections per section of the draft report. */
  factualAccuracyCorrections: 'FactualAccuracyCorrections',
  committeePack: 'CommitteePack',
  deferralEvidenceRequest: 'DeferralEvidenceRequest',
  appealWindowOpened: 'AppealWindowOpened',
  interimReviewDue: 'InterimReviewDue',
  /** An action of the action plan due soon (issue 13): the action, its owner, due date, standard and measure's charts. */
  actionReminder: 'ActionReminder',
  /** An overdue action up the escalation ladder, with the same content. */
  actionOverdue: 'ActionOverdue',
  /** To staff: which allocation rule ruled out whom. */
  noFeasibleTeam: 'NoFeasibleTeam',
} as const;
type EmailTemplate = (typeof EmailTemplate)[keyof typeof EmailTemplate];

export { EmailTemplate };
