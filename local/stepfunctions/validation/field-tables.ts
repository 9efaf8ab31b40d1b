// Fields each state type accepts when its QueryLanguage is JSONata (ASL spec, Nov 2024 revision,
// and the AWS Developer Guide state pages). AWS refuses any other field with
// "Field '<name>' is not supported" located at the state (floci-io/floci#2735, measured on AWS).
const StateType = {
  Pass: 'Pass',
  Task: 'Task',
  Choice: 'Choice',
  Wait: 'Wait',
  Succeed: 'Succeed',
  Fail: 'Fail',
  Parallel: 'Parallel',
  Map: 'Map',
} as const;

type StateType = (typeof StateType)[keyof typeof StateType];

const COMMON = ['Type', 'Comment', 'QueryLanguage'];
const FLOW = ['Next', 'End'];
const SHAPE = ['Output', 'Assign'];
const ERRORS = ['Retry', 'Catch'];

const ALLOWED_FIELDS: Record<StateType, ReadonlySet<string>> = {
  Pass: new Set([...COMMON, ...FLOW, ...SHAPE]),
  Task: new Set([
    ...COMMON, ...FLOW, ...SHAPE, ...ERRORS,
    'Resource', 'Arguments', 'TimeoutSeconds', 'HeartbeatSeconds', 'Credentials',
  ]),
  Choice: new Set([...COMMON, ...SHAPE, 'Choices', 'Default']),
  Wait: new Set([...COMMON, ...FLOW, ...SHAPE, 'Seconds', 'Timestamp']),
  Succeed: new Set([...COMMON, 'Output']),
  Fail: new Set([...COMMON, 'Error', 'Cause']),
  Parallel: new Set([...COMMON, ...FLOW, ...SHAPE, ...ERRORS, 'Branches', 'Arguments']),
  Map: new Set([
    ...COMMON, ...FLOW, ...SHAPE, ...ERRORS,
    'ItemProcessor', 'Iterator', 'Items', 'ItemSelector', 'MaxConcurrency',
    'ItemReader', 'ItemBatcher', 'ResultWriter', 'ToleratedFailureCount', 'ToleratedFailurePercentage', 'Label',
  ]),
};

const REQUIRED_FIELDS: Record<StateType, readonly string[]> = {
  Pass: [],
  Task: ['Resource'],
  Choice: ['Choices'],
  Wait: [],
  Succeed: [],
  Fail: [],
  Parallel: ['Branches'],
  Map: [],
};

const TRANSITIONING_TYPES: ReadonlySet<StateType> = new Set(['Pass', 'Task', 'Wait', 'Parallel', 'Map']);

// Fields that exist only in JSONPath states; in a JSONata state AWS answers "The QueryLanguage
// is set to 'JSONata', but field '<name>' is only supported for the 'JSONPath' QueryLanguage"
// (floci-io/floci#2968, #3733, measured on AWS).
const JSONPATH_ONLY_FIELDS: ReadonlySet<string> = new Set([
  'InputPath', 'OutputPath', 'ResultPath', 'ResultSelector', 'Parameters', 'Result',
  'ItemsPath', 'MaxConcurrencyPath', 'TimeoutSecondsPath', 'HeartbeatSecondsPath',
  'SecondsPath', 'TimestampPath', 'ErrorPath', 'CausePath',
  'ToleratedFailureCountPath', 'ToleratedFailurePercentagePath',
]);

const comparisonOperators = (): string[] => {
  const typed = ['String', 'Numeric', 'Timestamp'].flatMap((kind) =>
    ['Equals', 'LessThan', 'GreaterThan', 'LessThanEquals', 'GreaterThanEquals'].flatMap((op) => [
      `${kind}${op}`,
      `${kind}${op}Path`,
    ]),
  );
  const tests = ['IsNull', 'IsPresent', 'IsNumeric', 'IsString', 'IsBoolean', 'IsTimestamp'];
  return [...typed, 'StringMatches', 'BooleanEquals', 'BooleanEqualsPath', ...tests];
};

// JSONPath Choice Rules (Variable + comparison operator, And/Or/Not); JSONata rules use Condition.
const JSONPATH_CHOICE_RULE_FIELDS: ReadonlySet<string> = new Set(['Variable', 'And', 'Or', 'Not', ...comparisonOperators()]);

const CHOICE_RULE_FIELDS: ReadonlySet<string> = new Set(['Condition', 'Next', 'Comment', 'Output', 'Assign']);
const RETRIER_FIELDS: ReadonlySet<string> = new Set([
  'ErrorEquals', 'IntervalSeconds', 'MaxAttempts', 'BackoffRate', 'MaxDelaySeconds', 'JitterStrategy', 'Comment',
]);
const CATCHER_FIELDS: ReadonlySet<string> = new Set(['ErrorEquals', 'Next', 'Output', 'Assign', 'Comment']);
const TOP_LEVEL_FIELDS: ReadonlySet<string> = new Set(['Comment', 'StartAt', 'States', 'Version', 'TimeoutSeconds', 'QueryLanguage']);
const BRANCH_FIELDS: ReadonlySet<string> = new Set(['StartAt', 'States', 'Comment']);
const ITEM_PROCESSOR_FIELDS: ReadonlySet<string> = new Set(['StartAt', 'States', 'Comment', 'ProcessorConfig']);

const isStateType = (value: unknown): value is StateType =>
  typeof value === 'string' && Object.hasOwn(StateType, value);

export {
  StateType,
  ALLOWED_FIELDS,
  REQUIRED_FIELDS,
  TRANSITIONING_TYPES,
  JSONPATH_ONLY_FIELDS,
  JSONPATH_CHOICE_RULE_FIELDS,
  CHOICE_RULE_FIELDS,
  RETRIER_FIELDS,
  CATCHER_FIELDS,
  TOP_LEVEL_FIELDS,
  BRANCH_FIELDS,
  ITEM_PROCESSOR_FIELDS,
  isStateType,
};
