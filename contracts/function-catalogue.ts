// The one list of Lambda functions. The CDK stacks build a NodejsFunction from each entry,
// and the local runtime imports the same handler in-process; the ASL files refer to each
// function through its substitution key, e.g. "${EnrolServiceFunctionArn}".
//
// `needs` says what a function does, not which IAM actions it gets: lib/ turns each need into
// the narrowest grant, so the permission list and the code cannot drift apart.

const TableAccess = {
  none: 'none',
  read: 'read',
  write: 'write',
  readWrite: 'read-write',
} as const;
type TableAccess = (typeof TableAccess)[keyof typeof TableAccess];

interface FunctionNeeds {
  /** Access to the single application table. */
  table: TableAccess;
  /** Sends email through SESv2 (SendEmail with a template). */
  sendsEmail: boolean;
  /** Completes callback tasks (SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat). */
  completesTasks: boolean;
  /** Starts or stops executions of the accreditation-cycle state machine. */
  managesExecutions: boolean;
  /** Creates one-off schedules (EventBridge Scheduler) that start new cycles: interim review, renewal. */
  schedulesStarts?: boolean;
  /** Presigns uploads and downloads of evidence files and reads their size and type (issue 9). */
  signsEvidenceFiles?: boolean;
}

interface FunctionSpec {
  /** kebab-case name; the handler lives at functions/<name>/handler.ts and exports `handler`. */
  name: string;
  /** PascalCase key used in ASL definitionSubstitutions: `${<key>}`. Undefined when no ASL calls it. */
  substitutionKey?: string;
  description: string;
  needs: FunctionNeeds;
  /** How the function is triggered on AWS. */
  trigger: 'state-machine' | 'http-api' | 'schedule' | 'table-stream';
  /**
   * For 'http-api': the routes ("METHOD /path/{param}") the HTTP API sends to this function rather
   * than to its default function (the 'http-api' function without routes). CDK and the local adapter
   * read the same list.
   */
  httpRoutes?: readonly string[];
  /** For 'table-stream': the records it receives (event name and sort-key prefix); CDK and the local stream reader apply the same filter. */
  streamFilter?: { eventName: 'INSERT'; sortKeyPrefix: string };
}

const functionCatalogue = [
  {
    name: 'enrol-service',
    substitutionKey: 'EnrolServiceFunctionArn',
    description: 'Records the cycle at enrolment and sends the welcome email with the timetable',
    needs: { table: TableAccess.readWrite, sendsEmail: true, completesTasks: false, managesExecutions: false },
    trigger: 'state-machine',
  },
  {
    name: 'open-callback-task',
    substitutionKey: 'OpenCallbackTaskFunctionArn',
    description: 'Stores the task token of a human step in DynamoDB and emails the people who must act',
    needs: { table: TableAccess.readWrite, sendsEmail: true, completesTasks: false, managesExecutions: false },
    trigger: 'state-machine',
  },
  {
    name: 'record-stage-outcome',
    substitutionKey: 'RecordStageOutcomeFunctionArn',
    description: 'Records a stage result (decision, overdue, closure) with its audit event',
    needs: { table: TableAccess.readWrite, sendsEmail: true, completesTasks: false, managesExecutions: false },
    trigger: 'state-machine',
  },
  {
    name: 'allocate-review-team',
    substitutionKey: 'AllocateReviewTeamFunctionArn',
    description: 'Allocates the peer-review team (domain core rules, reviewer pool, cohort bookings) or records why none could be formed',
    needs: { table: TableAccess.readWrite, sendsEmail: false, completesTasks: false, managesExecutions: false },
    trigger: 'state-machine',
  },
  {
    name: 'draft-report',
    substitutionKey: 'DraftReportFunctionArn',
    description: 'Scores the review, recommends an outcome with its reasons and stores the draft report (HTML and text)',
    needs: { table: TableAccess.readWrite, sendsEmail: false, completesTasks: false, managesExecutions: false },
    trigger: 'state-machine',
  },
  {
    name: 'continue-cycle',
    substitutionKey: 'ContinueCycleFunctionArn',
    description: "Continues a cycle in a new execution before the current one reaches Step Functions' one-year limit",
    needs: { table: TableAccess.read, sendsEmail: false, completesTasks: false, managesExecutions: true },
    trigger: 'state-machine',
  },
  {
    name: 'reminder-sweep',
    description: 'Daily: sends the reminders and escalations due on open tasks (once each) and moves each task to its next reminder date',
    needs: { table: TableAccess.readWrite, sendsEmail: true, completesTasks: false, managesExecutions: false },
    trigger: 'schedule',
  },
  {
    name: 'schedule-cycle-starts',
    substitutionKey: 'ScheduleCycleStartsFunctionArn',
    description: 'After Accredited: one-off schedules that start the interim review (18 months) and renewal (36 months) cycles; tells the service',
    needs: { table: TableAccess.readWrite, sendsEmail: true, completesTasks: false, managesExecutions: false, schedulesStarts: true },
    trigger: 'state-machine',
  },
  {
    name: 'hand-over-relay',
    description: 'Relays each recorded hand-over (a submission, extension, withdrawal or resume) to Step Functions exactly once, from the table stream',
    needs: { table: TableAccess.readWrite, sendsEmail: false, completesTasks: true, managesExecutions: true },
    trigger: 'table-stream',
    // The sort-key prefix of functions/commons/data/hand-overs.ts (HAND_OVER_PREFIX).
    streamFilter: { eventName: 'INSERT', sortKeyPrefix: 'HANDOVER#' },
  },
  {
    name: 'network-setup',
    description: "Loads or replaces a network from its files (network.yaml as parsed by the caller, standards.csv, reviewers): the CSV parser and the network checks live only here, so the API's own function stays small",
    needs: { table: TableAccess.readWrite, sendsEmail: false, completesTasks: false, managesExecutions: false },
    trigger: 'http-api',
    httpRoutes: ['PUT /networks/{networkId}', 'GET /networks/{networkId}', 'PUT /networks/{networkId}/standards'],
  },
  {
    name: 'reviewer-invitation',
    description: "A reviewer's invitation (the visit, the team, the reply-by date, the calendar invite once accepted) and the cycle's standards for the reviewer's pages: the calendar library lives only here",
    needs: { table: TableAccess.read, sendsEmail: false, completesTasks: false, managesExecutions: false },
    trigger: 'http-api',
    httpRoutes: ['GET /cycles/{cycleId}/reviewers/{reviewerId}/invitation', 'GET /cycles/{cycleId}/standards'],
  },
  {
    name: 'action-plan',
    description: "A cycle's action plan after the review (proposals from the report, actions, PDSA cycles) and staff's list of every plan: the report drafting the proposals come from is bundled here only",
    needs: { table: TableAccess.readWrite, sendsEmail: false, completesTasks: false, managesExecutions: false },
    trigger: 'http-api',
    httpRoutes: [
      'GET /cycles/{cycleId}/action-plan',
      'POST /cycles/{cycleId}/action-plan/actions',
      'PUT /cycles/{cycleId}/action-plan/actions/{actionId}',
      'POST /cycles/{cycleId}/action-plan/actions/{actionId}/pdsa-cycles',
      'PUT /cycles/{cycleId}/action-plan/actions/{actionId}/pdsa-cycles/{pdsaId}/{phase}',
      'GET /action-plans',
    ],
  },
  {
    name: 'quality-improvement',
    description: 'After the review: measures with their dated points, the run and SPC charts (computed and drawn as SVG by the core), baseline and recalculations; the network report of a cohort (JSON and CSV); the good-practice library (opt-in per cycle, search by standard)',
    needs: { table: TableAccess.readWrite, sendsEmail: false, completesTasks: false, managesExecutions: false },
    trigger: 'http-api',
    httpRoutes: [
      'GET /cycles/{cycleId}/measures',
      'GET /cycles/{cycleId}/measures/{measureId}',
      'PUT /cycles/{cycleId}/measures/{measureId}',
      'PUT /cycles/{cycleId}/measures/{measureId}/points/{on}',
      'POST /cycles/{cycleId}/measures/{measureId}/points',
      'PUT /cycles/{cycleId}/measures/{measureId}/baseline',
      'POST /cycles/{cycleId}/measures/{measureId}/recalculations',
      'GET /cycles/{cycleId}/last-review',
      'GET /networks/{networkId}/report',
      'PUT /cycles/{cycleId}/good-practice-sharing',
      'GET /networks/{networkId}/good-practice',
    ],
  },
  {
    name: 'http-api',
    description: 'The HTTP API for staff, services, reviewers and committee members',
    needs: { table: TableAccess.readWrite, sendsEmail: false, completesTasks: true, managesExecutions: true, signsEvidenceFiles: true },
    trigger: 'http-api',
  },
] as const satisfies readonly FunctionSpec[];

export { functionCatalogue, TableAccess };
export type { FunctionSpec, FunctionNeeds };
