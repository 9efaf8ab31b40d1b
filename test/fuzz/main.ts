// `npm run fuzz [-- --count 5000 --seed 42]`: the API fuzz against a fresh local app (in-memory
// DynamoDB Local, manual clock). Prints the figures; exits 1 on any 5xx, unanswered request or
// partial write.
import { parseArgs } from 'node:util';
import { startLocalApp } from '../../local/app.ts';
import { formatFigures, fuzzPassed, runApiFuzz } from './run-fuzz.ts';

const { values } = parseArgs({ options: { count: { type: 'string', default: '5000' }, seed: { type: 'string' }, concurrency: { type: 'string', default: '4' } } });
const count = Number(values.count);
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
if (!Number.isInteger(count) || count < 1) throw new Error(`--count must be a whole number >= 1, got ${values.count}`);

const app = await startLocalApp({ clock: 'manual', clockStartAt: new Date('2026-01-05T09:00:00.000Z'), logLevel: 'SILENT' });
try {
  const figures = await runApiFuzz({ app, count, seed, concurrency: Number(values.concurrency) });
  console.log(formatFigures(figures));
  process.exitCode = fuzzPassed(figures) ? 0 : 1;
} finally {
  await app.stop();
}
