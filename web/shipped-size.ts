// What the web app ships to the browser, gzipped, against issue 8's budget: 200 KB of JS and CSS
// in all, whether a file loads at once or on demand (every page is some user's first page).
// Read by `npm run bench web-bundle` (which prints it) and by a unit test (which fails over budget).
import { readFile } from 'node:fs/promises';
import { extname, join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

const webBudgetBytes = 200 * 1024;

interface ShippedFile {
  file: string;
  rawBytes: number;
  gzippedBytes: number;
  /** app.css, app.js and the chunks app.js imports statically load with the first page. */
  firstLoad: boolean;
}

interface ShippedSize {
  files: ShippedFile[];
  totalBytes: number;
  firstLoadBytes: number;
  withinBudget: boolean;
}

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

/** Sizes of the JS and CSS among `files` (paths relative to `outDir`, as buildWeb returns them). */
const measureShipped = async (outDir: string, files: string[]): Promise<ShippedSize> => {
  const firstLoad = await staticallyImported(outDir, 'app.js');
  const shipped = await Promise.all(
    files
      .filter((file) => ['.js', '.css'].includes(extname(file)))
      .sort()
      .map(async (file): Promise<ShippedFile> => {
        const content = await readFile(join(outDir, file));
        return { file, rawBytes: content.length, gzippedBytes: gzipSync(content, { level: 9 }).length, firstLoad: file === 'app.css' || firstLoad.has(file) };
      }),
  );
  const totalBytes = shipped.reduce((sum, file) => sum + file.gzippedBytes, 0);
  const firstLoadBytes = shipped.filter((file) => file.firstLoad).reduce((sum, file) => sum + file.gzippedBytes, 0);
  return { files: shipped, totalBytes, firstLoadBytes, withinBudget: totalBytes <= webBudgetBytes };
};

export { measureShipped, webBudgetBytes };
export type { ShippedFile, ShippedSize };
