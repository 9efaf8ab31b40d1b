import type { StateType } from './field-tables.ts';
import type { JsonObject } from './json.ts';

// One state as the checks see it: where it sits, what it is, and which query language governs it.
interface StateRef {
  name: string;
  path: string;
  body: JsonObject;
  type: StateType;
  jsonata: boolean;
}

export type { StateRef };
