// What the web app ships to the browser, gzipped, against issue 8's budget (200 KB of JS and CSS
// in all). Builds the app as `npm start` and the deploy do, into a folder of its own.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWeb } from '../web/build.ts';
import { measureShipped, webBudgetBytes } from '../web/shipped-size.ts';

const kilobytes = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

const main = async (): Promise<boolean> => {
  const outDir = await mkdtemp(join(tmpdir(), 'accredit-web-bench-'));
  try {
    const { files } = await buildWeb({ outDir });
    const shipped = await measureShipped(outDir, files);
    // Chunks imported by app.js load with it; the others on demand (the OIDC library only when
    // config.json names Cognito, the network set-up page when it is opened, the charts when drawn).
    for (const file of shipped.files) {
      console.log(`${file.file.padEnd(40)} ${kilobytes(file.rawBytes).padStart(10)} raw ${kilobytes(file.gzippedBytes).padStart(10)} gzipped${file.firstLoad ? '  (first load)' : ''}`);
    }
    console.log(
      `web app JS+CSS gzipped: ${kilobytes(shipped.totalBytes)} in all (${kilobytes(shipped.firstLoadBytes)} on first load), budget ${kilobytes(webBudgetBytes)}: ${shipped.withinBudget ? 'ok' : 'OVER BUDGET'}`,
    );
    return shipped.withinBudget;
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
};

process.exitCode = (await main()) ? 0 : 1;
