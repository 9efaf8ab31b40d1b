// In-memory store: everything the DynamoDB store keeps, minus durability. Records are
// copied in and out so callers can never mutate stored state by accident.
import type { ExecutionRecord, HistoryEvent, StateMachineRecord, Store, TokenRecord, TokenStatus } from './types.ts';
import { ExecutionStatus, TokenStatus as Status, redrivableStatuses } from './types.ts';

const copy = <T>(value: T): T => structuredClone(value);

class MemoryStore implements Store {
  private readonly stateMachines = new Map<string, StateMachineRecord>();
  private readonly executions = new Map<string, ExecutionRecord>();
  private readonly events = new Map<string, HistoryEvent[]>();
  private readonly tokens = new Map<string, TokenRecord>();

  async createStateMachine(record: StateMachineRecord) {
    const existing = this.stateMachines.get(record.arn);
    if (existing) return copy(existing);
    this.stateMachines.set(record.arn, copy(record));
    return undefined;
  }

  async putStateMachine(record: StateMachineRecord) {
    this.stateMachines.set(record.arn, copy(record));
  }

  async getStateMachine(arn: string) {
    const record = this.stateMachines.get(arn);
    return record && copy(record);
  }

  async listStateMachines() {
    return [...this.stateMachines.values()].map(copy);
  }

  async deleteStateMachine(arn: string) {
    this.stateMachines.delete(arn);
  }

  async createExecution(record: ExecutionRecord) {
    const existing = this.executions.get(record.arn);
    if (existing) return copy(existing);
    this.executions.set(record.arn, copy(record));
    return undefined;
  }

  async getExecution(arn: string) {
    const record = this.executions.get(arn);
    return record && copy(record);
  }

  async closeExecution(arn: string, patch: Pick<ExecutionRecord, 'status' | 'stopDate' | 'output' | 'error' | 'cause'>) {
    const record = this.executions.get(arn);
    if (!record || record.status !== ExecutionStatus.running) return false;
    Object.assign(record, copy(patch));
    return true;
  }

  async reopenExecution(arn: string, patch: Required<Pick<ExecutionRecord, 'redriveCount' | 'redriveDate'>>) {
    const record = this.executions.get(arn);
    if (!record || !redrivableStatuses.includes(record.status)) return false;
    const { stopDate: _stop, output: _output, error: _error, cause: _cause, ...open } = record;
    this.executions.set(arn, { ...open, ...patch, status: ExecutionStatus.running });
    return true;
  }

  async listExecutions(stateMachineArn: string) {
    return [...this.executions.values()].filter((record) => record.stateMachineArn === stateMachineArn).map(copy);
  }

  async listRunningExecutions() {
    return [...this.executions.values()].filter((record) => record.status === ExecutionStatus.running).map(copy);
  }

  async appendEvents(executionArn: string, events: HistoryEvent[]) {
    const list = this.events.get(executionArn) ?? [];
    // History events are never changed once emitted, so they are kept as they are, not copied;
    // loadEvents still hands out copies.
    for (const event of events) list.push(Object.freeze(event));
    this.events.set(executionArn, list);
  }

  async loadEvents(executionArn: string) {
    return (this.events.get(executionArn) ?? []).map(copy);
  }

  async putToken(record: TokenRecord) {
    this.tokens.set(record.token, copy(record));
  }

  async getToken(token: string) {
    const record = this.tokens.get(token);
    return record && copy(record);
  }

  async transitionToken(token: string, from: TokenStatus, patch: Partial<TokenRecord>) {
    const record = this.tokens.get(token);
    if (!record || record.status !== from) return false;
    Object.assign(record, copy(patch));
    return true;
  }

  async closeTokens(executionArn: string) {
    for (const record of this.tokens.values()) {
      if (record.executionArn === executionArn && record.status === Status.open) record.status = Status.closed;
    }
  }

  private clock: number | undefined;

  async loadClock() {
    return this.clock;
  }

  async saveClock(now: number) {
    this.clock = now;
  }

  async close() {}
}

export { MemoryStore };
