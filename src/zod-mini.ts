// zod/mini, set up the way `zod` sets itself up. zod's classic API puts every schema type and method
// (and JSON Schema output) into each bundle that imports it, ~93 KB of every Lambda; zod/mini's
// functions tree-shake to what a module uses. Both run the same core checks, so a value fails with
// the same issues, and with the English locale registered here (as classic zod registers it on its
// first schema) with the same messages. The memoizer gives containers the cycle support classic has.
import { config, globalConfig, memoizer } from 'zod/v4/core';
import en from 'zod/v4/locales/en.js';

if (!globalConfig.localeError) config(en());
if (!globalConfig.memoizer) config({ memoizer: memoizer() });

export * from 'zod/mini';
