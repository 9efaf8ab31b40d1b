// What the web app ships to the browser, gzipped, against issue 8's budget (200 KB of JS and CSS
// in all). Builds the app as `npm start` and the deploy do, into a folder of its own.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildWeb } from '../web/build.ts';

const BUDGET_BYTES = 200 * 1024;
const kilobytes = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

/** The module and every chunk it imports statically (`import ... from "./chunks/x.js"`), not `import()`. */
const staticallyImported = async (outDir: string, entry: string, seen = new Set<string>()): Promise<Set<string>> => {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const text = await readFile(join(outDir, entry), 'utf8');
  for (const match of text.matchAll(/(?:^|[;}\n])import\s*(?:[^"'()]*?from\s*)?["']([^"']+)["']/g)) {
    await staticallyImported(outDir, posix.join(posix.dirname(entry), match[1]!), seen);
  }
  return seen;
};

const main = async (): Promise<boolean> => {
  const outDir = await mkdtemp(join(tmpdir(), 'accredit-web-bench-'));
  try {
    const { files } = await buildWeb({ outDir });
    const shipped = files.filter((file) => ['.js', '.css'].includes(extname(file)));
    let total = 0;
    let onFirstLoad = 0;
    const firstLoad = await staticallyImported(outDir, 'app.js');
    for (const file of shipped.sort()) {
      const content = await readFile(join(outDir, file));
      const gzipped = gzipSync(content, { level: 9 }).length;
      total += gzipped;
      // Chunks imported by app.js load with it; the others on demand (the OIDC library only when
      // config.json names Cognito, the network set-up page when it is opened).
      if (file === 'app.css' || firstLoad.has(file)) onFirstLoad += gzipped;
      console.log(`${file.padEnd(40)} ${kilobytes(content.length).padStart(10)} raw ${kilobytes(gzipped).padStart(10)} gzipped${firstLoad.has(file) || file === 'app.css' ? '  (first load)' : ''}`);
    }
    const within = total <= BUDGET_BYTES;
    console.log(`web app JS+CSS gzipped: ${kilobytes(total)} in all (${kilobytes(onFirstLoad)} on first load), budget ${kilobytes(BUDGET_BYTES)}: ${within ? 'ok' : 'OVER BUDGET'}`);
    return within;
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
};

process.exitCode = (await main()) ? 0 : 1;
