// What the web bucket is filled from: the web app's static build in web/dist (built by the web
// app's own npm script), or, when it has not been built, a one-page placeholder so `cdk synth`
// and the CDK tests still work on a fresh checkout.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectPaths } from '../project-paths.ts';

const webBuildDirectory = path.join(projectPaths.root, 'web', 'dist');
const placeholderDirectory = fileURLToPath(new URL('./placeholder', import.meta.url));

interface WebAssets {
  directory: string;
  isPlaceholder: boolean;
}

const webAssetsFrom = (directory: string = webBuildDirectory): WebAssets =>
  existsSync(path.join(directory, 'index.html'))
    ? { directory, isPlaceholder: false }
    : { directory: placeholderDirectory, isPlaceholder: true };

export { webAssetsFrom, webBuildDirectory };
export type { WebAssets };
