// ARN shapes as AWS builds them for Step Functions.

interface Partitioning {
  region: string;
  accountId: string;
}

const stateMachineArn = ({ region, accountId }: Partitioning, name: string) => `arn:aws:states:${region}:${accountId}:stateMachine:${name}`;

const executionArn = ({ region, accountId }: Partitioning, stateMachineName: string, name: string) =>
  `arn:aws:states:${region}:${accountId}:execution:${stateMachineName}:${name}`;

const stateMachineArnPattern = /^arn:aws:states:[a-z0-9-]+:\d{12}:stateMachine:([^:]+)$/;
const executionArnPattern = /^arn:aws:states:[a-z0-9-]+:\d{12}:execution:([^:]+):([^:]+)$/;

// AWS: names are 1-80 characters and may not contain white space, brackets, wildcards,
// special characters (" # % \ ^ | ~ ` $ & , ; : /) or control characters.
const invalidNameCharacters = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/;

const isValidName = (name: unknown): name is string =>
  typeof name === 'string' && name.length >= 1 && name.length <= 80 && !invalidNameCharacters.test(name);

/** AWS's wording: a string that is not an ARN, or an ARN of another resource type. */
const invalidArnMessage = (arn: unknown): string =>
  typeof arn === 'string' && arn.startsWith('arn:')
    ? `Invalid Arn: 'Resource type not valid in this context: ${arn.split(':')[5] ?? ''}'`
    : `Invalid Arn: 'Invalid ARN prefix: ${String(arn)}'`;

export { invalidArnMessage, stateMachineArn, executionArn, stateMachineArnPattern, executionArnPattern, isValidName };
export type { Partitioning };
