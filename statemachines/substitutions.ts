// The one place that turns function ARNs into the ASL's definitionSubstitutions, used by the CDK
// stack (with each NodejsFunction's functionArn) and by local start-up (with local ARNs), so the
// keys in the ASL file and the keys supplied can never drift apart.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { functionCatalogue } from '#contracts/function-catalogue';
import type { FunctionSpec } from '#contracts/function-catalogue';

const accreditationCycleDefinitionPath = fileURLToPath(new URL('./accreditation-cycle.asl.json', import.meta.url));

/** Substitution map `{ EnrolServiceFunctionArn: <arn>, ... }` for every catalogue function the ASL calls. */
const buildDefinitionSubstitutions = (arnOf: (spec: FunctionSpec) => string): Record<string, string> =>
  Object.fromEntries(
    (functionCatalogue as readonly FunctionSpec[])
      .filter((spec) => spec.substitutionKey !== undefined)
      .map((spec) => [spec.substitutionKey as string, arnOf(spec)]),
  );

/** Lambda ARN the local runtime uses for a catalogue function (its name is the catalogue name). */
const localFunctionArn = (spec: Pick<FunctionSpec, 'name'>, region = 'us-east-1', accountId = '000000000000'): string =>
  `arn:aws:lambda:${region}:${accountId}:function:${spec.name}`;

/** Replaces every `${Key}` as Step Functions does with definitionSubstitutions; an unknown key is an error. */
const substituteDefinition = (definition: string, substitutions: Record<string, string>): string =>
  definition.replace(/\$\{([A-Za-z0-9_]+)\}/g, (_match, key: string) => {
    const value = substitutions[key];
    if (value === undefined) throw new Error(`No definition substitution for \${${key}}`);
    return value;
  });

const readAccreditationCycleDefinition = (substitutions: Record<string, string>): string =>
  substituteDefinition(readFileSync(accreditationCycleDefinitionPath, 'utf8'), substitutions);

export {
  accreditationCycleDefinitionPath,
  buildDefinitionSubstitutions,
  localFunctionArn,
  readAccreditationCycleDefinition,
  substituteDefinition,
};
