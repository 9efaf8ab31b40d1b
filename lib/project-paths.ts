// Where the deployable sources live. The stacks read them at synth time, so a new handler,
// ASL file or email template is deployed without an edit to lib/.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const projectPaths = {
  root: projectRoot,
  functions: path.join(projectRoot, 'functions'),
  stateMachines: path.join(projectRoot, 'statemachines'),
  lockFile: path.join(projectRoot, 'package-lock.json'),
} as const;

const handlerEntryFor = (functionName: string): string =>
  path.join(projectPaths.functions, functionName, 'handler.ts');

export { projectPaths, handlerEntryFor };
