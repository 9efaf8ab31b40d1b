import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { EnvVar } from '#contracts/environment';
import { functionCatalogue } from '#contracts/function-catalogue';
import type { FunctionSpec } from '#contracts/function-catalogue';
import { esbuildBuildOptions } from '../../lib/functions/bundling.ts';
import { handlerEntryFor, projectPaths } from '../../lib/project-paths.ts';
import { synthDeployment } from './synth-deployment.ts';
import type { SynthesizedDeployment } from './synth-deployment.ts';

// Handlers read configuration with requireEnv('NAME') at module load (functions/commons/env.ts),
// so a variable the stack forgets fails only at cold start in AWS. This reads the names from the
// project files each handler's bundle actually contains.
const requiredEnvPattern = /requireEnv\(\s*['"]([A-Z0-9_]+)['"]\s*\)/g;
/** The same through the shared names: requireEnv(EnvVar.scheduleRoleArn). */
const requiredEnvByNamePattern = /requireEnv\(\s*EnvVar\.([A-Za-z0-9]+)\s*\)/g;

const projectInputsOf = async (entry: string): Promise<string[]> => {
  const result = await build({ ...esbuildBuildOptions(entry, path.join(projectPaths.root, '.env-scan.mjs')), write: false, metafile: true });
  return Object.keys(result.metafile.inputs)
    .filter((input) => !input.includes('node_modules') && /\.ts$/.test(input))
    .map((input) => path.resolve(projectPaths.root, input));
};

const requiredEnvOf = async (entry: string): Promise<string[]> => {
  const sources = await Promise.all((await projectInputsOf(entry)).map((file) => readFileSync(file, 'utf8')));
  const names = sources.flatMap((source) => [
    ...[...source.matchAll(requiredEnvPattern)].map((match) => match[1]),
    ...[...source.matchAll(requiredEnvByNamePattern)].map((match) => EnvVar[match[1] as keyof typeof EnvVar] ?? `EnvVar.${match[1]}`),
  ]);
  return [...new Set(names)].sort();
};

const catalogue = functionCatalogue as readonly FunctionSpec[];

describe('Handler configuration set by the stack', () => {
  let synthesized: SynthesizedDeployment;
  beforeAll(() => {
    synthesized = synthDeployment('prod');
  });

  it.for(catalogue.map((spec) => [spec.name, spec] as const))('%s: every variable its code requires is set', async ([, spec], { skip }) => {
    const entry = handlerEntryFor(spec.name);
    if (!existsSync(entry)) skip();
    // Prepare
    const [fn] = Object.values(synthesized.templates.workflow.findResources('AWS::Lambda::Function', {
      Properties: { FunctionName: `${synthesized.config.prefix}-${spec.name}` },
    }));
    const provided = Object.keys(fn.Properties.Environment.Variables as Record<string, unknown>);
    // Act
    const required = await requiredEnvOf(entry);
    // Assess
    expect(required.filter((name) => !provided.includes(name))).toEqual([]);
  });
});
