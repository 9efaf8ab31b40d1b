import { build } from 'esbuild';
import { esbuildBuildOptions } from '/work/main/lib/functions/bundling.ts';
const entry = process.argv[2];
const result = await build({ ...esbuildBuildOptions(entry, '/tmp/bm/out.mjs'), metafile: true, write: false });
const out = Object.entries(result.metafile.outputs).find(([k]) => k.endsWith(".mjs"))!; const inputs = out[1].inputs; console.log("total", (out[1].bytes/1024).toFixed(1));
const byPkg = new Map<string, number>();
for (const [file, info] of Object.entries(inputs)) {
  const m = file.match(/node_modules\/((@[^/]+\/)?[^/]+)/);
  const key = m ? m[1] : file.split('/').slice(0, 2).join('/');
  byPkg.set(key, (byPkg.get(key) ?? 0) + info.bytesInOutput);
}
console.log([...byPkg.entries()].sort((a, b) => b[1] - a[1]).slice(0, 14).map(([k, v]) => `${(v / 1024).toFixed(1).padStart(7)} KB ${k}`).join('\n'));
