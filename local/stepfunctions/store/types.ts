// What the runtime persists. Two implementations: in memory (tests, benchmarks) and DynamoDB
// (durable: `npm start`, restart tests). Everything an execution needs to be replayed after a
// crash is here: its record, its history (which doubles as the replay journal) and its tokens.

const ExecutionStatus = {
  running: 'RUNNING',
  succeeded: 'SUCCEEDED',
  failed: 'FAILED',
  timedOut: 'TIMED_OUT',
  aborted: 'ABORTED',
} as const;
type ExecutionStatus = (typeof ExecutionStatus)[keyof typeof ExecutionStatus];

const TokenStatus = {
  open: 'open',
  succeeded: 'succeeded',
  failed: 'failed',
  timedOut: 'timed-out',
  closed: 'closed',
} as const;
type TokenStatus = (typeof TokenStatus)[keyof typeof TokenStatus];

interface StateMachineRecord {
  arn: string;
  name: string;
  definition: string;
  roleArn: string;
  type: 'STANDARD';
  creationDate: number;
  updateDate?: number;
  revisionId: string;
}

interface ExecutionRecord {
  arn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  input: string;
  /** The state machine's role when the execution started. */
  roleArn?: string;
  /** The definition as it was at start: an update never changes a running execution. */
  definition: string;
  startDate: number;
  stopDate?: number;
  output?: string;
  error?: string;
  cause?: string;
  /** RedriveExecution: how many times, and when last (epoch ms). */
  redriveCount?: number;
  redriveDate?: number;
}

/** The statuses RedriveExecution restarts (AWS: failed, aborted or timed out). */
const redrivableStatuses: readonly ExecutionStatus[] = ['FAILED', 'TIMED_OUT', 'ABORTED'];

interface HistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: number;
  type: string;
  /** Deterministic position of the event in the execution: how a replay recognises it. */
  key: string;
  details?: Record<string, unknown>;
}

interface TokenRecord {
  token: string;
  executionArn: string;
  /** Key of the TaskScheduled event the token belongs to. */
  taskKey: string;
  status: TokenStatus;
  createdAt: number;
  lastHeartbeatAt: number;
  output?: string;
  error?: string;
  cause?: string;
  /** The task timed out because a heartbeat was missed (not its TimeoutSeconds). */
  heartbeatMissed?: boolean;
}

interface Store {
  createStateMachine(record: StateMachineRecord): Promise<StateMachineRecord | undefined>;
  putStateMachine(record: StateMachineRecord): Promise<void>;
  getStateMachine(arn: string): Promise<StateMachineRecord | undefined>;
  listStateMachines(): Promise<StateMachineRecord[]>;
  deleteStateMachine(arn: string): Promise<void>;

  /** Creates the execution unless one with the same ARN exists; returns the existing one then. */
  createExecution(record: ExecutionRecord): Promise<ExecutionRecord | undefined>;
  getExecution(arn: string): Promise<ExecutionRecord | undefined>;
  /** Closes a RUNNING execution; false when it was no longer running. */
  closeExecution(arn: string, patch: Pick<ExecutionRecord, 'status' | 'stopDate' | 'output' | 'error' | 'cause'>): Promise<boolean>;
  /** Makes a closed, redrivable execution RUNNING again; false when it was not in a redrivable status. */
  reopenExecution(arn: string, patch: Required<Pick<ExecutionRecord, 'redriveCount' | 'redriveDate'>>): Promise<boolean>;
  listExecutions(stateMachineArn: string): Promise<ExecutionRecord[]>;
  listRunningExecutions(): Promise<ExecutionRecord[]>;

  appendEvents(executionArn: string, events: HistoryEvent[]): Promise<void>;
  loadEvents(executionArn: string): Promise<HistoryEvent[]>;

  putToken(record: TokenRecord): Promise<void>;
  getToken(token: string): Promise<TokenRecord | undefined>;
  /** Moves a token from `from` to the patch's status; false when it was not in `from`. */
  transitionToken(token: string, from: TokenStatus, patch: Partial<TokenRecord>): Promise<boolean>;
  /** Closes every open token of an execution (it was stopped or ended). */
  closeTokens(executionArn: string): Promise<void>;

  /** The manual clock's time, so a restarted runtime goes on from where it was moved to. */
  loadClock(): Promise<number | undefined>;
  saveClock(now: number): Promise<void>;

  close(): Promise<void>;
}

export { ExecutionStatus, TokenStatus, redrivableStatuses };
export type { Store, StateMachineRecord, ExecutionRecord, HistoryEvent, TokenRecord };
