// The scope of one JSONata evaluation in a state: built for every expression a loop runs, so it
// is a class (no per-evaluation closures) whose costly parts are computed only when read.
import type { EvaluationScope, Json } from '../jsonata.ts';
import type { HistoryEvent } from '../store/types.ts';
import type { HistoryRecorder } from './history.ts';
import { seededRandom } from './random.ts';

interface StateEvaluationInit {
  variables: Readonly<Record<string, Json>>;
  states: Record<string, unknown>;
  field: string;
  stateName: string;
  entered: HistoryEvent;
  history: HistoryRecorder;
  /** The strand's latest event when the evaluation began: $now() reports its time. */
  latestEventId: number;
  /** Seeds $random()/$uuid(): the execution, the state visit, the field and a counter. */
  randomSeed: readonly string[];
}

class StateEvaluation implements EvaluationScope {
  readonly variables: Readonly<Record<string, Json>>;
  readonly states: Record<string, unknown>;
  readonly field: string;
  readonly stateName: string;
  private generator?: () => number;

  constructor(private readonly init: StateEvaluationInit) {
    this.variables = init.variables;
    this.states = init.states;
    this.field = init.field;
    this.stateName = init.stateName;
  }

  get enteredEventId(): number {
    return this.init.history.visibleId(this.init.entered);
  }

  nowMs(): number {
    return this.init.history.eventById(this.init.latestEventId)?.timestamp ?? this.init.entered.timestamp;
  }

  random(): number {
    this.generator ??= seededRandom(...this.init.randomSeed);
    return this.generator();
  }
}

export { StateEvaluation };
