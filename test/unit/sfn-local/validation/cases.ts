// Invalid definitions and the diagnostics AWS (or, for UNSUPPORTED_FEATURE, this runtime) gives them.
type States = Record<string, unknown>;

const machine = (states: States, extra: Record<string, unknown> = {}, startAt = Object.keys(states)[0]): string =>
  JSON.stringify({ QueryLanguage: 'JSONata', StartAt: startAt, States: states, ...extra });

const pass = (next?: string) => (next === undefined ? { Type: 'Pass', End: true } : { Type: 'Pass', Next: next });
const lambda = (extra: Record<string, unknown> = {}) => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Arguments: { FunctionName: 'fn', Payload: '{% $states.input %}' },
  End: true,
  ...extra,
});
const mapOf = (extra: Record<string, unknown> = {}) => ({
  Type: 'Map',
  ItemProcessor: { StartAt: 'Item', States: { Item: pass() } },
  End: true,
  ...extra,
});

interface InvalidCase {
  name: string;
  definition: string;
  expected: [code: string, path: string][];
}

const STRUCTURE: InvalidCase[] = [
  { name: 'text that is not JSON', definition: '{"StartAt": ', expected: [['INVALID_JSON_DESCRIPTION', '']] },
  { name: 'an empty definition', definition: '  ', expected: [['MISSING_DESCRIPTION', '']] },
  { name: 'a JSON array', definition: '[]', expected: [['SCHEMA_VALIDATION_FAILED', '/']] },
  { name: 'no StartAt', definition: JSON.stringify({ QueryLanguage: 'JSONata', States: { A: pass() } }), expected: [['SCHEMA_VALIDATION_FAILED', '/StartAt'], ['MISSING_TRANSITION_TARGET', '/States/A']] },
  { name: 'no States', definition: JSON.stringify({ QueryLanguage: 'JSONata', StartAt: 'A' }), expected: [['SCHEMA_VALIDATION_FAILED', '/States']] },
  { name: 'an unknown top-level field', definition: machine({ A: pass() }, { Coment: 'typo' }), expected: [['SCHEMA_VALIDATION_FAILED', '/']] },
  { name: 'StartAt naming no state', definition: machine({ A: pass() }, {}, 'Nope'), expected: [['MISSING_TRANSITION_TARGET', '/StartAt'], ['MISSING_TRANSITION_TARGET', '/States/A']] },
  { name: 'a Next naming no state', definition: machine({ A: pass('Nope'), B: pass() }, {}, 'A'), expected: [['MISSING_TRANSITION_TARGET', '/States/A/Next'], ['MISSING_TRANSITION_TARGET', '/States/B']] },
  { name: 'a state nothing routes to', definition: machine({ A: pass(), B: pass() }), expected: [['MISSING_TRANSITION_TARGET', '/States/B']] },
  { name: 'a loop with no terminal state', definition: machine({ A: pass('B'), B: pass('A'), C: pass('A') }), expected: [['MISSING_END_STATE', '']] },
  { name: 'neither Next nor End', definition: machine({ A: { Type: 'Pass' }, B: pass() }, {}, 'A'), expected: [['SCHEMA_VALIDATION_FAILED', '/States/A'], ['MISSING_TRANSITION_TARGET', '/States/B']] },
  { name: 'both Next and End', definition: machine({ A: { Type: 'Pass', Next: 'B', End: true }, B: pass() }), expected: [['SCHEMA_VALIDATION_FAILED', '/States/A']] },
  { name: 'End set to false', definition: machine({ A: { Type: 'Pass', End: false }, B: pass() }), expected: [['SCHEMA_VALIDATION_FAILED', '/States/A/End'], ['MISSING_TRANSITION_TARGET', '/States/B']] },
  { name: 'a state name over 80 characters', definition: machine({ ['S'.repeat(81)]: pass() }), expected: [['INVALID_STATE_NAME', `/States/${'S'.repeat(81)}`]] },
  { name: 'an unknown state type', definition: machine({ A: { Type: 'Sleep', End: true } }), expected: [['SCHEMA_VALIDATION_FAILED', '/States/A/Type']] },
  { name: 'a Catch target naming no state', definition: machine({ T: lambda({ Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Gone' }] }) }), expected: [['MISSING_TRANSITION_TARGET', '/States/T/Catch[0]/Next']] },
  { name: 'a Choice Default naming no state', definition: machine({ C: { Type: 'Choice', Choices: [{ Condition: true, Next: 'D' }], Default: 'Gone' }, D: { Type: 'Succeed' } }), expected: [['MISSING_TRANSITION_TARGET', '/States/C/Default']] },
  { name: 'a Parallel branch Next leaving its branch', definition: machine({ P: { Type: 'Parallel', Branches: [{ StartAt: 'X', States: { X: pass('Z') } }], Next: 'Z' }, Z: { Type: 'Succeed' } }), expected: [['MISSING_TRANSITION_TARGET', '/States/P/Branches[0]/States/X/Next'], ['MISSING_END_STATE', '/States/P/Branches[0]']] },
  { name: 'an unreachable state inside a Map', definition: machine({ M: mapOf({ ItemProcessor: { StartAt: 'I', States: { I: pass(), J: pass() } } }) }), expected: [['MISSING_TRANSITION_TARGET', '/States/M/ItemProcessor/States/J']] },
  { name: 'a state name used in a branch and at the top', definition: machine({ P: { Type: 'Parallel', Branches: [{ StartAt: 'Z', States: { Z: pass() } }], Next: 'Z' }, Z: { Type: 'Succeed' } }), expected: [['DUPLICATE_STATE_NAME', '/States/Z']] },
];

const QUERY_LANGUAGE: InvalidCase[] = [
  { name: 'a machine without QueryLanguage (JSONPath)', definition: JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', InputPath: '$', End: true } } }), expected: [['UNSUPPORTED_FEATURE', '/QueryLanguage']] },
  { name: 'a JSONPath state in a JSONata machine', definition: machine({ A: { Type: 'Pass', QueryLanguage: 'JSONPath', End: true } }), expected: [['SCHEMA_VALIDATION_FAILED', '/States/A']] },
  { name: 'an unknown QueryLanguage', definition: machine({ A: pass() }, { QueryLanguage: 'jsonata' }), expected: [['SCHEMA_VALIDATION_FAILED', '/QueryLanguage']] },
  ...['InputPath', 'Parameters', 'ResultSelector', 'ResultPath', 'OutputPath'].map((field) => ({
    name: `JSONPath field ${field} on a JSONata Task`,
    definition: machine({ T: lambda({ [field]: '$' }) }),
    expected: [['SCHEMA_VALIDATION_FAILED', '/States/T']] as [string, string][],
  })),
  { name: 'ItemsPath on a JSONata Map', definition: machine({ M: mapOf({ ItemsPath: '$.items' }) }), expected: [['SCHEMA_VALIDATION_FAILED', '/States/M']] },
  { name: 'SecondsPath on a JSONata Wait', definition: machine({ W: { Type: 'Wait', SecondsPath: '$.s', End: true } }), expected: [['SCHEMA_VALIDATION_FAILED', '/States/W'], ['SCHEMA_VALIDATION_FAILED', '/States/W']] },
  { name: 'ErrorPath on a JSONata Fail', definition: machine({ F: { Type: 'Fail', ErrorPath: '$.e' } }), expected: [['SCHEMA_VALIDATION_FAILED', '/States/F']] },
  { name: 'a JSONPath Choice rule (Variable)', definition: machine({ C: { Type: 'Choice', Choices: [{ Variable: '$.x', NumericEquals: 1, Next: 'D' }] }, D: { Type: 'Succeed' } }), expected: [['SCHEMA_VALIDATION_FAILED', '/States/C/Choices[0]'], ['SCHEMA_VALIDATION_FAILED', '/States/C/Choices[0]'], ['SCHEMA_VALIDATION_FAILED', '/States/C/Choices[0]/Condition']] },
  { name: 'QueryLanguage on an ItemProcessor', definition: machine({ M: mapOf({ ItemProcessor: { QueryLanguage: 'JSONata', StartAt: 'I', States: { I: pass() } } }) }), expected: [['SCHEMA_VALIDATION_FAILED', '/States/M/ItemProcessor']] },
];

const FIELDS: InvalidCase[] = [
  { name: 'TimeoutSeconds on a Pass', definition: machine({ A: { Type: 'Pass', TimeoutSeconds: 3, End: true } }), expected: [['SCHEMA_VALIDATION_FAILED', '/States/A']] },
  { name: 'Catch on a Pass', definition: machine({ A: { Type: 'Pass', Catch: [], End: true } }), expected: [['SCHEMA_VALIDATION_FAILED', '/States/A']] },
  { name: 'Next on a Succeed', definition: machine({ A: pass('S'), S: { Type: 'Succeed', Next: 'A' } }), expected: [['SCHEMA_VALIDATION_FAILED', '/States/S']] },
  { name: 'a Task without Resource', definition: machine({ T: { Type: 'Task', End: true } }), expected: [['SCHEMA_VALIDATION_FAILED', '/States/T/Resource']] },
  { name: 'a Resource that is not an ARN', definition: machine({ T: lambda({ Resource: 'my-function' }) }), expected: [['INVALID_RESOURCE', '/States/T/Resource']] },
  { name: 'Arguments that are a number', definition: machine({ T: lambda({ Arguments: 3 }) }), expected: [['SCHEMA_VALIDATION_FAILED', '/States/T/Arguments']] },
  { name: 'TimeoutSeconds of zero', definition: machine({ T: lambda({ TimeoutSeconds: 0 }) }), expected: [['SCHEMA_VALIDATION_FAILED', '/States/T/TimeoutSeconds']] },
  { name: 'TimeoutSeconds that is a plain string', definition: machine({ T: lambda({ TimeoutSeconds: '60' }) }), expected: [['SCHEMA_VALIDATION_FAILED', '/States/T/TimeoutSeconds']] },
  { name: 'HeartbeatSeconds not below TimeoutSeconds', definition: machine({ T: lambda({ TimeoutSeconds: 60, HeartbeatSeconds: 60 }) }), expected: [['SCHEMA_VALIDATION_FAILED', '/States/T/HeartbeatSeconds']] },
  { name: 'a fractional HeartbeatSeconds', definition: machine({ T: lambda({ HeartbeatSeconds: 1.5 }) }), expected: [['SCHEMA_VALIDATION_FAILED', '/States/T/HeartbeatSeconds']] },
  { name: 'a Wait with both Seconds and Timestamp', definition: machine({ W: { Type: 'Wait', Seconds: 1, Timestamp: '2030-01-01T00:00:00Z', End: true } }), expected: [['SCHEMA_VALIDATION_FAILED', '/States/W']] },
  { name: 'a Wait with neither Seconds nor Timestamp', definition: machine({ W: { Type: 'Wait', End: true } }), expected: [['SCHEMA_VALIDATION_FAILED', '/States/W']] },
  { name: 'a negative Wait Seconds', definition: machine({ W: { Type: 'Wait', Seconds: -1, End: true } }), expected: [['SCHEMA_VALIDATION_FAILED', '/States/W/Seconds']] },
  { name: 'a Wait Timestamp that is not RFC 3339', definition: machine({ W: { Type: 'Wait', Timestamp: '2030-01-01 00:00', End: true } }), expected: [['SCHEMA_VALIDATION_FAILED', '/States/W/Timestamp']] },
  { name: 'a Choice without Choices', definition: machine({ C: { Type: 'Choice', Default: 'D' }, D: { Type: 'Succeed' } }), expected: [['SCHEMA_VALIDATION_FAILED', '/States/C/Choices']] },
  { name: 'a Choice with an empty Choices', definition: machine({ C: { Type: 'Choice', Choices: [], Default: 'D' }, D: { Type: 'Succeed' } }), expected: [['SCHEMA_VALIDATION_FAILED', '/States/C/Choices']] },
  { name: 'a Choice rule without Next', definition: machine({ C: { Type: 'Choice', Choices: [{ Condition: true }], Default: 'D' }, D: { Type: 'Succeed' } }), expected: [['SCHEMA_VALIDATION_FAILED', '/States/C/Choices[0]/Next']] },
  { name: 'a Choice Condition that is a plain string', definition: machine({ C: { Type: 'Choice', Choices: [{ Condition: 'yes', Next: 'D' }] }, D: { Type: 'Succeed' } }), expected: [['SCHEMA_VALIDATION_FAILED', '/States/C/Choices[0]/Condition']] },
  { name: 'a Fail Error that is a number', definition: machine({ F: { Type: 'Fail', Error: 42 } }), expected: [['SCHEMA_VALIDATION_FAILED', '/States/F/Error']] },
  { name: 'a Map without ItemProcessor', definition: machine({ M: { Type: 'Map', End: true } }), expected: [['SCHEMA_VALIDATION_FAILED', '/States/M/ItemProcessor']] },
  { name: 'a Map Items that is an object', definition: machine({ M: mapOf({ Items: { a: 1 } }) }), expected: [['SCHEMA_VALIDATION_FAILED', '/States/M/Items']] },
  { name: 'a negative MaxConcurrency', definition: machine({ M: mapOf({ MaxConcurrency: -1 }) }), expected: [['SCHEMA_VALIDATION_FAILED', '/States/M/MaxConcurrency']] },
  { name: 'a Parallel with no branches', definition: machine({ P: { Type: 'Parallel', Branches: [], End: true } }), expected: [['SCHEMA_VALIDATION_FAILED', '/States/P/Branches']] },
];

const RETRY_CATCH: InvalidCase[] = [
  { name: 'an empty ErrorEquals', definition: machine({ T: lambda({ Retry: [{ ErrorEquals: [] }] }) }), expected: [['SCHEMA_VALIDATION_FAILED', '/States/T/Retry[0]/ErrorEquals']] },
  { name: 'States.ALL beside another error', definition: machine({ T: lambda({ Retry: [{ ErrorEquals: ['States.ALL', 'X'] }] }) }), expected: [['SCHEMA_VALIDATION_FAILED', '/States/T/Retry[0]/ErrorEquals']] },
  { name: 'States.ALL in a Catcher that is not last', definition: machine({ T: lambda({ Catch: [{ ErrorEquals: ['States.ALL'], Next: 'F' }, { ErrorEquals: ['X'], Next: 'F' }] }), F: { Type: 'Fail' } }), expected: [['SCHEMA_VALIDATION_FAILED', '/States/T/Catch[0]/ErrorEquals']] },
  { name: 'IntervalSeconds of zero', definition: machine({ T: lambda({ Retry: [{ ErrorEquals: ['X'], IntervalSeconds: 0 }] }) }), expected: [['SCHEMA_VALIDATION_FAILED', '/States/T/Retry[0]/IntervalSeconds']] },
  { name: 'a negative MaxAttempts', definition: machine({ T: lambda({ Retry: [{ ErrorEquals: ['X'], MaxAttempts: -1 }] }) }), expected: [['SCHEMA_VALIDATION_FAILED', '/States/T/Retry[0]/MaxAttempts']] },
  { name: 'a BackoffRate below 1', definition: machine({ T: lambda({ Retry: [{ ErrorEquals: ['X'], BackoffRate: 0.5 }] }) }), expected: [['SCHEMA_VALIDATION_FAILED', '/States/T/Retry[0]/BackoffRate']] },
  { name: 'a MaxDelaySeconds of zero', definition: machine({ T: lambda({ Retry: [{ ErrorEquals: ['X'], MaxDelaySeconds: 0 }] }) }), expected: [['SCHEMA_VALIDATION_FAILED', '/States/T/Retry[0]/MaxDelaySeconds']] },
  { name: 'an unknown JitterStrategy', definition: machine({ T: lambda({ Retry: [{ ErrorEquals: ['X'], JitterStrategy: 'HALF' }] }) }), expected: [['SCHEMA_VALIDATION_FAILED', '/States/T/Retry[0]/JitterStrategy']] },
  { name: 'a Catcher without Next', definition: machine({ T: lambda({ Catch: [{ ErrorEquals: ['X'] }] }) }), expected: [['SCHEMA_VALIDATION_FAILED', '/States/T/Catch[0]/Next']] },
  { name: 'ResultPath on a JSONata Catcher', definition: machine({ T: lambda({ Catch: [{ ErrorEquals: ['X'], Next: 'F', ResultPath: '$.e' }] }), F: { Type: 'Fail' } }), expected: [['SCHEMA_VALIDATION_FAILED', '/States/T/Catch[0]']] },
];

const JSONATA: InvalidCase[] = [
  { name: 'an Output expression that does not parse', definition: machine({ A: { Type: 'Pass', Output: '{% 1 + %}', End: true } }), expected: [['INVALID_JSONATA_EXPRESSION', '/States/A/Output']] },
  { name: 'two expressions in one string', definition: machine({ A: { Type: 'Pass', Output: { v: '{% $states.input.a %} {% $states.input.b %}' }, End: true } }), expected: [['INVALID_JSONATA_EXPRESSION', '/States/A/Output/v']] },
  { name: 'a broken expression deep in Arguments', definition: machine({ T: lambda({ Arguments: { FunctionName: 'fn', Payload: { list: ['{% a[1,2) %}'] } } }) }), expected: [['INVALID_JSONATA_EXPRESSION', '/States/T/Arguments/Payload/list[0]']] },
  { name: 'a broken Choice Condition', definition: machine({ C: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.x > %}', Next: 'D' }] }, D: { Type: 'Succeed' } }), expected: [['INVALID_JSONATA_EXPRESSION', '/States/C/Choices[0]/Condition']] },
  { name: 'a broken TimeoutSeconds expression', definition: machine({ T: lambda({ TimeoutSeconds: '{% ( %}' }) }), expected: [['INVALID_JSONATA_EXPRESSION', '/States/T/TimeoutSeconds']] },
  { name: 'a broken Catcher Output', definition: machine({ T: lambda({ Catch: [{ ErrorEquals: ['X'], Next: 'F', Output: '{% $states.errorOutput. %}' }] }), F: { Type: 'Fail' } }), expected: [['INVALID_JSONATA_EXPRESSION', '/States/T/Catch[0]/Output']] },
  { name: 'a bare field name at the top level', definition: machine({ A: { Type: 'Pass', Output: { v: '{% phone %}' }, End: true } }), expected: [['UNSUPPORTED_JSONATA_EXPRESSION', '/States/A/Output/v']] },
  { name: 'a bare field name inside a function argument', definition: machine({ A: { Type: 'Pass', Output: '{% $count(items) %}', End: true } }), expected: [['UNSUPPORTED_JSONATA_EXPRESSION', '/States/A/Output']] },
  { name: 'the context "$" at the top level', definition: machine({ A: { Type: 'Pass', Output: '{% $.a %}', End: true } }), expected: [['UNSUPPORTED_JSONATA_EXPRESSION', '/States/A/Output']] },
  { name: 'the root "$$" inside a predicate', definition: machine({ A: { Type: 'Pass', Output: '{% $states.input.items[$$.b = 1] %}', End: true } }), expected: [['UNSUPPORTED_JSONATA_EXPRESSION', '/States/A/Output']] },
  { name: 'the ?? operator, which JSONata 2.0.6 (the version AWS runs) does not have', definition: machine({ A: { Type: 'Pass', Output: '{% $states.input.a ?? 5 %}', End: true } }), expected: [['INVALID_JSONATA_EXPRESSION', '/States/A/Output']] },
];

const ASSIGN: InvalidCase[] = [
  { name: 'the reserved variable name "states"', definition: machine({ A: { Type: 'Pass', Assign: { states: 1 }, End: true } }), expected: [['SCHEMA_VALIDATION_FAILED', '/States/A/Assign/states']] },
  { name: 'a variable name starting with a digit', definition: machine({ A: { Type: 'Pass', Assign: { '1st': 1 }, End: true } }), expected: [['SCHEMA_VALIDATION_FAILED', '/States/A/Assign/1st']] },
  { name: 'a variable name with a dollar sign', definition: machine({ A: { Type: 'Pass', Assign: { $x: 1 }, End: true } }), expected: [['SCHEMA_VALIDATION_FAILED', '/States/A/Assign/$x']] },
  { name: 'a variable name over 80 characters', definition: machine({ A: { Type: 'Pass', Assign: { ['v'.repeat(81)]: 1 }, End: true } }), expected: [['SCHEMA_VALIDATION_FAILED', `/States/A/Assign/${'v'.repeat(81)}`]] },
  { name: 'a bad variable name in a Catcher', definition: machine({ T: lambda({ Catch: [{ ErrorEquals: ['X'], Next: 'F', Assign: { 'a-b': 1 } }] }), F: { Type: 'Fail' } }), expected: [['SCHEMA_VALIDATION_FAILED', '/States/T/Catch[0]/Assign/a-b']] },
  { name: 'Assign that is an array', definition: machine({ A: { Type: 'Pass', Assign: [1], End: true } }), expected: [['SCHEMA_VALIDATION_FAILED', '/States/A/Assign']] },
  { name: 'Assign on a Succeed', definition: machine({ S: { Type: 'Succeed', Assign: { a: 1 } } }), expected: [['SCHEMA_VALIDATION_FAILED', '/States/S']] },
];

const UNSUPPORTED: InvalidCase[] = [
  ...[
    'arn:aws:states:::lambda:invoke.sync',
    'arn:aws:states:::sqs:sendMessage',
    'arn:aws:states:::states:startExecution.sync:2',
    'arn:aws:states:eu-west-2:123456789012:activity:review',
    'arn:aws:lambda:eu-west-2:123456789012:function:enrol',
  ].map((resource) => ({
    name: `Task Resource ${resource}`,
    definition: machine({ T: lambda({ Resource: resource }) }),
    expected: [['UNSUPPORTED_FEATURE', '/States/T/Resource']] as [string, string][],
  })),
  { name: 'Task Credentials', definition: machine({ T: lambda({ Credentials: { RoleArn: 'arn:aws:iam::123456789012:role/x' } }) }), expected: [['UNSUPPORTED_FEATURE', '/States/T/Credentials']] },
  ...['ItemReader', 'ItemBatcher', 'ResultWriter'].map((field) => ({
    name: `Map ${field}`,
    definition: machine({ M: mapOf({ [field]: {} }) }),
    expected: [['UNSUPPORTED_FEATURE', `/States/M/${field}`]] as [string, string][],
  })),
  { name: 'Map ToleratedFailureCount', definition: machine({ M: mapOf({ ToleratedFailureCount: 1 }) }), expected: [['UNSUPPORTED_FEATURE', '/States/M/ToleratedFailureCount']] },
  { name: 'Map ToleratedFailurePercentage', definition: machine({ M: mapOf({ ToleratedFailurePercentage: 5 }) }), expected: [['UNSUPPORTED_FEATURE', '/States/M/ToleratedFailurePercentage']] },
  { name: 'Map Label', definition: machine({ M: mapOf({ Label: 'batch' }) }), expected: [['UNSUPPORTED_FEATURE', '/States/M/Label']] },
  { name: 'a distributed Map', definition: machine({ M: mapOf({ ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'I', States: { I: pass() } } }) }), expected: [['UNSUPPORTED_FEATURE', '/States/M/ItemProcessor/ProcessorConfig/Mode']] },
  { name: 'the legacy Map Iterator', definition: machine({ M: { Type: 'Map', Iterator: { StartAt: 'I', States: { I: pass() } }, End: true } }), expected: [['UNSUPPORTED_FEATURE', '/States/M/Iterator']] },
];

export { machine, pass, lambda, mapOf, STRUCTURE, QUERY_LANGUAGE, FIELDS, RETRY_CATCH, JSONATA, ASSIGN, UNSUPPORTED };
export type { InvalidCase };
