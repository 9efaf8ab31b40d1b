// The replay wrapper. After a restart an execution runs again from its input, and every side
// effect it already performed must not happen twice: a state runs its effect through `once`,
// which records the outcome as the strand's next history event the first time, and on a
// replay returns (or throws) what that event recorded without running the effect again.
import { StatesError } from '../errors.ts';
import type { HistoryEvent } from '../store/types.ts';
import type { Strand } from './strand.ts';

type RecordedEvent = { type: string; details?: Record<string, unknown> };

/** How one kind of side effect is written to, and read back from, the history. */
interface Recording<T> {
  succeeded(value: T): RecordedEvent;
  failed(error: StatesError): RecordedEvent;
  /** The value a recorded event stands for; throws the error a failure event stands for. */
  replay(event: HistoryEvent): T;
}

const once = async <T>(strand: Strand, recording: Recording<T>, effect: () => Promise<T>): Promise<T> => {
  const recorded = strand.recordedNext();
  if (recorded) {
    // Emitting a recorded key returns the stored event and moves the strand past it.
    strand.emit(recorded.type, recorded.details);
    return recording.replay(recorded);
  }
  // The journal is durable before any side effect, so a crash cannot lose what led to it.
  await strand.run.history.flush();
  let outcome: RecordedEvent;
  let value: T;
  try {
    value = await effect();
    outcome = recording.succeeded(value);
  } catch (error) {
    if (!(error instanceof StatesError)) throw error;
    const failure = recording.failed(error);
    strand.emit(failure.type, failure.details);
    await strand.run.history.flush();
    throw error;
  }
  strand.emit(outcome.type, outcome.details);
  await strand.run.history.flush();
  return value;
};

export { once };
export type { Recording, RecordedEvent };
