import { isObject } from './json.ts';
import { child } from './pointer.ts';
import { ProblemCode, problem, type DefinitionProblem } from './problems.ts';
import type { StateRef } from './state-ref.ts';
import { isArn } from './task.ts';

// What this runtime executes (see ../README.md): Lambda invoke, synchronously or with a task token.
const SUPPORTED_RESOURCES: ReadonlySet<unknown> = new Set([
  'arn:aws:states:::lambda:invoke',
  'arn:aws:states:::lambda:invoke.waitForTaskToken',
]);

const UNSUPPORTED_FIELDS: Partial<Record<StateRef['type'], readonly string[]>> = {
  Task: ['Credentials'],
  Map: ['Iterator', 'ItemReader', 'ItemBatcher', 'ResultWriter', 'ToleratedFailureCount', 'ToleratedFailurePercentage', 'Label'],
};

const unsupported = (ref: StateRef, field: string, message: string, path = child(ref.path, field)): DefinitionProblem =>
  problem({ code: ProblemCode.UnsupportedFeature, message, path, state: ref.name, field });

const checkResourceSupported = (ref: StateRef): DefinitionProblem[] => {
  const resource = ref.body.Resource;
  // A Resource that is not an ARN at all is AWS's INVALID_RESOURCE, reported by task.ts.
  if (ref.type !== 'Task' || !isArn(resource) || SUPPORTED_RESOURCES.has(resource)) return [];
  return [unsupported(ref, 'Resource', `Resource '${resource}' is not supported by the local runtime; use arn:aws:states:::lambda:invoke or arn:aws:states:::lambda:invoke.waitForTaskToken`)];
};

const checkFieldsSupported = (ref: StateRef): DefinitionProblem[] =>
  (UNSUPPORTED_FIELDS[ref.type] ?? [])
    .filter((field) => Object.hasOwn(ref.body, field))
    .map((field) =>
      unsupported(ref, field, field === 'Iterator'
        ? `Field 'Iterator' is not supported by the local runtime; use 'ItemProcessor'`
        : `Field '${field}' is not supported by the local runtime`),
    );

const checkDistributedMap = (ref: StateRef): DefinitionProblem[] => {
  const processor = ref.body.ItemProcessor;
  if (ref.type !== 'Map' || !isObject(processor) || !isObject(processor.ProcessorConfig)) return [];
  if (processor.ProcessorConfig.Mode !== 'DISTRIBUTED') return [];
  const path = child(child(child(ref.path, 'ItemProcessor'), 'ProcessorConfig'), 'Mode');
  return [unsupported(ref, 'Mode', `Distributed Map is not supported by the local runtime; use Mode INLINE`, path)];
};

const checkRuntimeSupport = (ref: StateRef): DefinitionProblem[] => [
  ...checkResourceSupported(ref),
  ...checkFieldsSupported(ref),
  ...checkDistributedMap(ref),
];

export { checkRuntimeSupport, SUPPORTED_RESOURCES };
