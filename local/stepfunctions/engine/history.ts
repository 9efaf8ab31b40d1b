// The execution history, which is also the replay journal. Every event has a deterministic key
// (strand path + sequence number). After a restart the execution is run again from its input;
// each emit whose key is already persisted returns the stored event instead of appending, so
// recorded timestamps, task results and tokens are reused and nothing is done twice.
import type { HistoryEvent, Store } from '../store/types.ts';

// Enough to amortise the write cost in long pure stretches (Pass/Choice loops): a write costs
// DynamoDB Local about the same for 1 or 1,000 compressed events. The store splits a flush into
// pages under the item size limit, whatever the payloads.
const maxBufferedEvents = 1_000;

/** Journal entries that are not AWS history events: GetExecutionHistory leaves them out. */
const internalEventTypes = {
  retryScheduled: 'RetryScheduled',
  /** A redrive: `forgotten` lists the events whose steps run again (engine/redrive.ts). */
  redriveStarted: 'RedriveStarted',
} as const;
/** The ids that redrives set aside (engine/redrive.ts): their keys belong to newer events. */
const forgottenByRedrives = (events: readonly HistoryEvent[]): Set<number> =>
  new Set(events.filter((event) => event.type === internalEventTypes.redriveStarted).flatMap((event) => (event.details?.forgotten as number[] | undefined) ?? []));

const internalTypes: ReadonlySet<string> = new Set(Object.values(internalEventTypes));
const isInternalEvent = (type: string): boolean => internalTypes.has(type);

class HistoryRecorder {
  private readonly byKey = new Map<string, HistoryEvent>();
  private readonly byId = new Map<number, HistoryEvent>();
  private readonly internalIds: number[] = [];
  private buffer: HistoryEvent[] = [];
  private nextId: number;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly executionArn: string,
    persisted: HistoryEvent[],
    private readonly now: () => number,
  ) {
    // A redrive sets events aside: they stay in the history, but a replay runs their steps again.
    const forgotten = forgottenByRedrives(persisted);
    for (const event of [...persisted].sort((a, b) => a.id - b.id)) {
      if (!forgotten.has(event.id)) this.byKey.set(event.key, event);
      this.byId.set(event.id, event);
      if (isInternalEvent(event.type)) this.internalIds.push(event.id);
    }
    this.nextId = persisted.reduce((max, event) => Math.max(max, event.id), 0) + 1;
  }

  find(key: string): HistoryEvent | undefined {
    return this.byKey.get(key);
  }

  eventById(id: number): HistoryEvent | undefined {
    return this.byId.get(id);
  }

  /** The id GetExecutionHistory shows for an event: internal journal entries are not counted. */
  visibleId(event: HistoryEvent): number {
    return event.id - this.internalIds.filter((id) => id < event.id).length;
  }

  emit(key: string, type: string, previousEventId: number, details?: Record<string, unknown>): HistoryEvent {
    const existing = this.byKey.get(key);
    if (existing) return existing;
    const event: HistoryEvent = { id: this.nextId++, previousEventId, timestamp: this.now(), type, key, details };
    this.byKey.set(key, event);
    this.byId.set(event.id, event);
    if (isInternalEvent(type)) this.internalIds.push(event.id);
    this.buffer.push(event);
    if (this.buffer.length >= maxBufferedEvents) void this.flush();
    return event;
  }

  /** Makes every emitted event durable; called before any side effect or wait. */
  flush(): Promise<void> {
    if (this.buffer.length === 0) return this.flushing;
    const batch = this.buffer;
    this.buffer = [];
    this.flushing = this.flushing.then(() => this.store.appendEvents(this.executionArn, batch));
    return this.flushing;
  }
}

export { HistoryRecorder, internalEventTypes, isInternalEvent, forgottenByRedrives };
