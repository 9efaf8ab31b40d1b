import { isExpression, isObject } from './json.ts';
import { Messages } from './messages.ts';
import { checkNumber } from './numbers.ts';
import { child } from './pointer.ts';
import { ProblemCode, problem, type DefinitionProblem } from './problems.ts';
import type { StateRef } from './state-ref.ts';

// Step Functions quota: Task TimeoutSeconds and HeartbeatSeconds are positive integers up to 99999999.
const MAX_TASK_SECONDS = 99_999_999;
// Resource must be an ARN; the same shape check AWS applies before INVALID_RESOURCE.
const ARN = /^arn:[a-z-]+:[^:\s]+:[^:\s]*:[^:\s]*:\S+$/u;

const isArn = (value: unknown): value is string => typeof value === 'string' && ARN.test(value);

const checkResource = (ref: StateRef): DefinitionProblem[] => {
  const resource = ref.body.Resource;
  if (resource === undefined || isArn(resource)) return [];
  return [
    problem({
      code: ProblemCode.InvalidResource,
      message: `Invalid resource: ${String(resource)}`,
      path: child(ref.path, 'Resource'),
      state: ref.name,
      field: 'Resource',
    }),
  ];
};

const checkSeconds = (ref: StateRef, field: 'TimeoutSeconds' | 'HeartbeatSeconds'): DefinitionProblem[] =>
  Object.hasOwn(ref.body, field)
    ? checkNumber({
        value: ref.body[field],
        path: child(ref.path, field),
        state: ref.name,
        field,
        min: 1,
        max: MAX_TASK_SECONDS,
        integer: true,
        allowExpression: ref.jsonata,
      })
    : [];

// ASL: HeartbeatSeconds must be smaller than TimeoutSeconds; only checkable when both are literals.
const checkHeartbeatBelowTimeout = (ref: StateRef): DefinitionProblem[] => {
  const { TimeoutSeconds: timeout, HeartbeatSeconds: heartbeat } = ref.body;
  if (typeof timeout !== 'number' || typeof heartbeat !== 'number' || heartbeat < timeout) return [];
  return [
    problem({
      code: ProblemCode.SchemaValidationFailed,
      message: `Field 'HeartbeatSeconds' must be smaller than field 'TimeoutSeconds'`,
      path: child(ref.path, 'HeartbeatSeconds'),
      state: ref.name,
      field: 'HeartbeatSeconds',
    }),
  ];
};

const checkArguments = (ref: StateRef): DefinitionProblem[] => {
  const args = ref.body.Arguments;
  if (args === undefined || isObject(args) || isExpression(args)) return [];
  return [
    problem({
      code: ProblemCode.SchemaValidationFailed,
      message: Messages.mustBe('Arguments', 'an object or a JSONata expression'),
      path: child(ref.path, 'Arguments'),
      state: ref.name,
      field: 'Arguments',
    }),
  ];
};

const checkTask = (ref: StateRef): DefinitionProblem[] => [
  ...checkResource(ref),
  ...checkSeconds(ref, 'TimeoutSeconds'),
  ...checkSeconds(ref, 'HeartbeatSeconds'),
  ...checkHeartbeatBelowTimeout(ref),
  ...checkArguments(ref),
];

export { checkTask, checkArguments, isArn };
