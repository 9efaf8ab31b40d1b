// What the web app ships to the browser, gzipped, against issue 8's budget (200 KB of JS and CSS
// in all). Builds the app as `npm start` and the deploy do, into a folder of its own.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildWeb } from '../web/build.ts';

const BUDGET_BYTES = 200 * 1024;
const kilobytes = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

const main = async (): Promise<boolean> => {
  const outDir = await mkdtemp(join(tmpdir(), 'accredit-web-bench-'));
  try {
    const { files } = await buildWeb({ outDir });
    const shipped = files.filter((file) => ['.js', '.css'].includes(extname(file)));
    let total = 0;
    let onFirstLoad = 0;
    for (const file of shipped.sort()) {
      const content = await readFile(join(outDir, file));
      const gzipped = gzipSync(content, { level: 9 }).length;
      total += gzipped;
      // Chunks load on demand (the OIDC library only when config.json names Cognito).
      if (!file.startsWith('chunks/')) onFirstLoad += gzipped;
      console.log(`${file.padEnd(40)} ${kilobytes(content.length).padStart(10)} raw ${kilobytes(gzipped).padStart(10)} gzipped`);
    }
    const within = total <= BUDGET_BYTES;
    console.log(`web app JS+CSS gzipped: ${kilobytes(total)} in all (${kilobytes(onFirstLoad)} on first load), budget ${kilobytes(BUDGET_BYTES)}: ${within ? 'ok' : 'OVER BUDGET'}`);
    return within;
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
};

process.exitCode = (await main()) ? 0 : 1;
