// Builds the web app into web/dist: one ES module bundle (esbuild), the NHS.UK frontend's compiled
// CSS less the rules no page uses, with the app's few additions, the images that CSS names, and
// index.html. The same folder is
// served by `npm start` (local/console/web-files.ts) and uploaded to S3 by the CDK stack.
// config.json is NOT built: it is runtime configuration, written by whoever serves the files (the
// local adapter answers it; the deploy writes it), so one build runs in both homes.
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { withoutUnusedRules } from './unused-css.ts';

const webDir = dirname(fileURLToPath(import.meta.url));
const defaultOutDir = join(webDir, 'dist');
const require = createRequire(import.meta.url);
const nhsukDir = dirname(require.resolve('nhsuk-frontend/package.json'));
const nhsukDist = join(nhsukDir, 'dist', 'nhsuk');

/** The images nhsuk-frontend's CSS refers to as /assets/images/<name> (sortable table arrows, the cross). */
const nhsukImages = ['nhsuk-icon-arrow-down.svg', 'nhsuk-icon-arrow-up.svg', 'nhsuk-icon-arrow-up-down.svg', 'nhsuk-icon-cross.svg', 'favicon.svg', 'favicon.ico'];

/**
 * The Frutiger web font is NHS England's licence, loaded from assets.nhs.uk: the app makes no
 * request off its own origin (the CSP allows none, and nothing here reaches the internet), so the
 * @font-face rules go and nhsuk-frontend's own fallback stack (Arial) is used.
 */
const withoutRemoteFonts = (css: string): string => css.replace(/@font-face\{[^}]*\}/g, '');

interface WebBuild {
  outDir: string;
  files: string[];
}

const buildWeb = async ({ outDir = defaultOutDir, minify = true }: { outDir?: string; minify?: boolean } = {}): Promise<WebBuild> => {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(join(outDir, 'assets', 'images'), { recursive: true });
  const result = await build({
    entryPoints: { app: join(webDir, 'src', 'main.ts') },
    outdir: outDir,
    bundle: true,
    format: 'esm',
    // Code that only one sign-in kind needs (oidc-client-ts) is a separate chunk, loaded on demand.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    minify,
    sourcemap: minify ? false : 'inline',
    target: ['es2022', 'chrome120', 'firefox120', 'safari16'],
    platform: 'browser',
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  });
  await copyFile(join(webDir, 'src', 'index.html'), join(outDir, 'index.html'));
  const pages = await Promise.all(
    [...Object.keys(result.metafile.outputs), join(outDir, 'index.html')].map(async (file) => ({ text: await readFile(file, 'utf8'), extension: file.endsWith('.html') ? 'html' : 'js' })),
  );
  const nhsukCss = await withoutUnusedRules(withoutRemoteFonts(await readFile(join(nhsukDist, 'nhsuk-frontend.min.css'), 'utf8')), pages);
  // uPlot's few rules (its chart's layers and axes) name classes its code builds, so they are not purged.
  const chartCss = await readFile(require.resolve('uplot/dist/uPlot.min.css'), 'utf8');
  const appCss = await readFile(join(webDir, 'src', 'app.css'), 'utf8');
  await writeFile(join(outDir, 'app.css'), `${nhsukCss}\n${chartCss}\n${appCss}`);
  for (const image of nhsukImages) await copyFile(join(nhsukDist, 'assets', 'images', image), join(outDir, 'assets', 'images', image));
  const files = [...Object.keys(result.metafile.outputs).map((file) => relative(outDir, resolve(file))), 'app.css', 'index.html'];
  return { outDir, files };
};

// `tsx web/build.ts` (npm run build:web) builds into web/dist.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { outDir, files } = await buildWeb();
  console.log(`web app built in ${outDir}: ${files.length} files`);
}

export { buildWeb, defaultOutDir as webDistDir };
export type { WebBuild };
