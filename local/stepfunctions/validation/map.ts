import { ITEM_PROCESSOR_FIELDS } from './field-tables.ts';
import { isExpression, isObject } from './json.ts';
import { checkKeys } from './keys.ts';
import { Messages } from './messages.ts';
import { checkNumber } from './numbers.ts';
import { child } from './pointer.ts';
import { ProblemCode, problem, type DefinitionProblem } from './problems.ts';
import type { StateRef } from './state-ref.ts';

const PROCESSOR_MODES: ReadonlySet<unknown> = new Set(['INLINE', 'DISTRIBUTED']);
const EXECUTION_TYPES: ReadonlySet<unknown> = new Set(['STANDARD', 'EXPRESS']);

const schema = (path: string, state: string, field: string, message: string): DefinitionProblem =>
  problem({ code: ProblemCode.SchemaValidationFailed, message, path, state, field });

// AWS keeps "Iterator" as the deprecated name of "ItemProcessor"; exactly one is required.
const processorField = (ref: StateRef): 'ItemProcessor' | 'Iterator' =>
  Object.hasOwn(ref.body, 'ItemProcessor') || !Object.hasOwn(ref.body, 'Iterator') ? 'ItemProcessor' : 'Iterator';

const checkProcessorConfig = (config: unknown, path: string, state: string): DefinitionProblem[] => {
  if (config === undefined) return [];
  if (!isObject(config)) return [schema(path, state, 'ProcessorConfig', Messages.mustBe('ProcessorConfig', 'an object'))];
  const keyProblems = checkKeys({ object: config, path, state, allowed: new Set(['Mode', 'ExecutionType']) });
  const mode = config.Mode !== undefined && !PROCESSOR_MODES.has(config.Mode)
    ? [schema(child(path, 'Mode'), state, 'Mode', Messages.mustBe('Mode', 'INLINE or DISTRIBUTED'))]
    : [];
  const type = config.ExecutionType !== undefined && !EXECUTION_TYPES.has(config.ExecutionType)
    ? [schema(child(path, 'ExecutionType'), state, 'ExecutionType', Messages.mustBe('ExecutionType', 'STANDARD or EXPRESS'))]
    : [];
  return [...keyProblems, ...mode, ...type];
};

const checkProcessor = (ref: StateRef): DefinitionProblem[] => {
  if (Object.hasOwn(ref.body, 'ItemProcessor') && Object.hasOwn(ref.body, 'Iterator')) {
    return [schema(ref.path, ref.name, 'Iterator', Messages.onlyOne(['ItemProcessor', 'Iterator']))];
  }
  const field = processorField(ref);
  const path = child(ref.path, field);
  const processor = ref.body[field];
  if (processor === undefined) return [schema(path, ref.name, field, Messages.required(field))];
  if (!isObject(processor)) return [schema(path, ref.name, field, Messages.mustBe(field, 'an object'))];
  // AWS: "Field 'QueryLanguage' is not supported" at /States/<map>/ItemProcessor (floci-io/floci#2968).
  return [
    ...checkKeys({ object: processor, path, state: ref.name, allowed: ITEM_PROCESSOR_FIELDS, required: ['StartAt', 'States'] }),
    ...checkProcessorConfig(processor.ProcessorConfig, child(path, 'ProcessorConfig'), ref.name),
  ];
};

const checkItems = (ref: StateRef): DefinitionProblem[] => {
  const items = ref.body.Items;
  if (items === undefined || Array.isArray(items) || isExpression(items)) return [];
  return [schema(child(ref.path, 'Items'), ref.name, 'Items', Messages.mustBe('Items', 'an array or a JSONata expression'))];
};

const checkMaxConcurrency = (ref: StateRef): DefinitionProblem[] =>
  Object.hasOwn(ref.body, 'MaxConcurrency')
    ? checkNumber({
        value: ref.body.MaxConcurrency,
        path: child(ref.path, 'MaxConcurrency'),
        state: ref.name,
        field: 'MaxConcurrency',
        min: 0,
        integer: true,
        allowExpression: ref.jsonata,
      })
    : [];

const checkMap = (ref: StateRef): DefinitionProblem[] => [...checkProcessor(ref), ...checkItems(ref), ...checkMaxConcurrency(ref)];

export { checkMap, processorField };
