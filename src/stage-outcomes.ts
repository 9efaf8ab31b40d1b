// What the workflow reports of a stage: the `outcome` of a record-stage-outcome step (the ASL's
// Record* states). Its own file so the event schemas name the outcomes without bundling the
// transition table (src/cycle-transitions.ts) into every Lambda.
/** What the workflow reports of a stage (the `outcome` of a record-stage-outcome step). */
const StageOutcome = {
  submitted: 'submitted',
  overdue: 'overdue',
  decided: 'decided',
  reportIssued: 'report-issued',
  /** The host cancelled the visit: back to offering dates. */
  visitCancelled: 'visit-cancelled',
  /** The invited team did not all accept in time (or one declined): staff allocate by hand. */
  teamLapsed: 'team-lapsed',
  /** The service answered the factual-accuracy check. */
  factualAccuracyAnswered: 'factual-accuracy-answered',
  /** No answer by the factual-accuracy deadline: the draft counts as accepted (DESIGN §1.4). */
  factualAccuracyDeemedAccepted: 'factual-accuracy-deemed-accepted',
  evidenceSubmitted: 'evidence-submitted',
  /** No evidence by the end of the deferral window: Not accredited. */
  evidenceMissing: 'evidence-missing',
  appealLodged: 'appeal-lodged',
  appealWindowClosed: 'appeal-window-closed',
} as const;
type StageOutcome = (typeof StageOutcome)[keyof typeof StageOutcome];

export { StageOutcome };
