import { beforeAll, describe, expect, it } from 'vitest';
import { functionCatalogue, TableAccess } from '#contracts/function-catalogue';
import type { FunctionSpec } from '#contracts/function-catalogue';
import { substitutionKeysIn, listAslFiles } from '../../lib/workflow/asl-files.ts';
import { actionsOf, asList, logicalIdOfFunction, roleOfFunction, statementsOfRole } from './iam-statements.ts';
import { synthDeployment } from './synth-deployment.ts';
import type { SynthesizedDeployment } from './synth-deployment.ts';

// The specification the grants are checked against, written independently of lib/: what each
// catalogue access level may do to the table. Scan is in none of them (the design forbids it).
const allowedTableActions: Record<FunctionSpec['needs']['table'], string[]> = {
  [TableAccess.none]: [],
  [TableAccess.read]: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'],
  [TableAccess.write]: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:ConditionCheckItem'],
  [TableAccess.readWrite]: [
    'dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem',
    'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem',
  ],
};

const catalogue = functionCatalogue as readonly FunctionSpec[];
/** What the event source mapping of a stream-triggered function needs on the table's stream (and nothing for others). */
const streamReadActions = (spec: FunctionSpec): string[] =>
  spec.trigger === 'table-stream' ? ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'] : [];

describe.each(['dev', 'prod'] as const)('Least privilege (%s)', (stage) => {
  let synthesized: SynthesizedDeployment;
  const functionName = (spec: FunctionSpec) => `${synthesized.config.prefix}-${spec.name}`;
  const statementsOf = (spec: FunctionSpec) =>
    statementsOfRole(synthesized.templates.workflow, roleOfFunction(synthesized.templates.workflow, functionName(spec)));
  const actionsWithPrefix = (spec: FunctionSpec, prefix: string) =>
    [...new Set(statementsOf(spec).flatMap(actionsOf).filter((action) => action.startsWith(prefix)))].sort();
  const environmentOf = (spec: FunctionSpec): Record<string, unknown> => {
    const [fn] = Object.values(synthesized.templates.workflow.findResources('AWS::Lambda::Function', { Properties: { FunctionName: functionName(spec) } }));
    return fn.Properties.Environment.Variables as Record<string, unknown>;
  };

  beforeAll(() => {
    synthesized = synthDeployment(stage);
  });

  it('grants no action with a wildcard in any stack (but CDK\'s own web-build copier, on S3 only)', () => {
    // Prepare
    const templates = Object.values(synthesized.templates);
    // CDK's BucketDeployment handler runs only during a deployment, copying the web build from the
    // CDK asset bucket into the web bucket; its grants are aws-cdk-lib's (acknowledged for cdk-nag).
    type Policy = Record<string, { Roles?: unknown; PolicyDocument: { Statement: Array<{ Action: string | string[] }> } }>;
    const isWebBuildCopier = (policy: Policy) => JSON.stringify(policy.Properties.Roles ?? []).includes('CustomCDKBucketDeployment');
    const wildcardsOf = (policies: Policy[]) =>
      policies.flatMap((policy) => policy.Properties.PolicyDocument.Statement.flatMap((statement) => asList(statement.Action))).filter((action) => action.includes('*'));
    // Act
    const policies = templates.flatMap((template) => Object.values(template.findResources('AWS::IAM::Policy')) as Policy[]);
    const wildcardActions = wildcardsOf(policies.filter((policy) => !isWebBuildCopier(policy)));
    const copierWildcards = wildcardsOf(policies.filter(isWebBuildCopier));
    // Assess
    expect(wildcardActions).toEqual([]);
    expect(copierWildcards.filter((action) => !action.startsWith('s3:'))).toEqual([]);
  });

  it('attaches no *FullAccess managed policy to any role', () => {
    // Prepare
    const templates = Object.values(synthesized.templates);
    // Act
    const managed = templates.flatMap((template) =>
      Object.values(template.findResources('AWS::IAM::Role')).flatMap((role) => asList(role.Properties.ManagedPolicyArns as unknown[])));
    // Assess
    expect(JSON.stringify(managed)).not.toMatch(/FullAccess/);
  });

  it.each(catalogue.map((spec) => [spec.name, spec]))('%s: DynamoDB actions are exactly those its table access implies', (_name, spec) => {
    // Act
    const granted = actionsWithPrefix(spec, 'dynamodb:');
    // Assess
    expect(granted).toEqual([...allowedTableActions[spec.needs.table], ...streamReadActions(spec)].sort());
    expect(granted).not.toContain('dynamodb:Scan');
  });

  it.each(catalogue.map((spec) => [spec.name, spec]))('%s: SES, Step Functions and scheduler grants follow its catalogue needs', (_name, spec) => {
    // Act
    const ses = actionsWithPrefix(spec, 'ses:');
    const states = actionsWithPrefix(spec, 'states:');
    // Assess
    expect(ses).toEqual(spec.needs.sendsEmail ? ['ses:SendEmail'] : []);
    expect(states.includes('states:SendTaskSuccess')).toBe(spec.needs.completesTasks);
    expect(states.includes('states:StartExecution')).toBe(spec.needs.managesExecutions);
    expect(states.includes('states:StopExecution')).toBe(spec.needs.managesExecutions);
    expect(states.includes('states:ListExecutions')).toBe(spec.needs.managesExecutions);
  });

  it.each(catalogue.map((spec) => [spec.name, spec]))('%s: an environment variable is set exactly where its permission is granted', (_name, spec) => {
    // Act
    const environment = environmentOf(spec);
    // Assess
    expect('TABLE_NAME' in environment).toBe(spec.needs.table !== TableAccess.none);
    expect('EMAIL_FROM' in environment).toBe(spec.needs.sendsEmail);
    expect('STATE_MACHINE_ARN' in environment).toBe(spec.needs.completesTasks || spec.needs.managesExecutions);
  });

  it.each(listAslFiles().map((asl) => [asl.name, asl]))('%s: the state machine role may invoke only the functions its ASL names', (_name, asl) => {
    // Prepare
    const template = synthesized.templates.workflow;
    const [machine] = Object.values(template.findResources('AWS::StepFunctions::StateMachine', {
      Properties: { StateMachineName: `${synthesized.config.prefix}-${asl.name}` },
    }));
    const roleId = (machine.Properties.RoleArn as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const namedKeys = new Set(substitutionKeysIn(asl.text));
    const expected = catalogue
      .filter((spec) => spec.substitutionKey !== undefined && namedKeys.has(spec.substitutionKey))
      .map((spec) => ({ 'Fn::GetAtt': [logicalIdOfFunction(template, functionName(spec)), 'Arn'] }));
    // Act
    const invokeStatements = statementsOfRole(template, roleId).filter((statement) => actionsOf(statement).some((action) => action.startsWith('lambda:')));
    const resources = invokeStatements.flatMap((statement) => asList(statement.Resource));
    // Assess
    expect(invokeStatements.flatMap(actionsOf)).toEqual(invokeStatements.map(() => 'lambda:InvokeFunction'));
    expect(expected.length).toBeGreaterThan(0);
    expect(resources).toEqual(expect.arrayContaining(expected));
    expect(resources).toHaveLength(expected.length);
  });
});
