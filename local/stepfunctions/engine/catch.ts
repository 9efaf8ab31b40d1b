// Which Catch rule applies to an error (AWS: "Fallback states"): the first that matches.
import type { Catcher } from '../definition.ts';
import type { StatesError } from '../errors.ts';
import { errorMatches } from './retry.ts';

const findCatcher = (catchers: readonly Catcher[] | undefined, error: StatesError): Catcher | undefined =>
  (catchers ?? []).find((catcher) => errorMatches(catcher.ErrorEquals, error));

export { findCatcher };
