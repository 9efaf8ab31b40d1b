// Reads IAM statements out of a synthesized template, per role, for the least-privilege tests.
import type { Template } from 'aws-cdk-lib/assertions';

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, unknown>;
}

const asList = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

const actionsOf = (statement: Statement): string[] => asList(statement.Action);

/** Statements of every inline policy attached to the role with this logical id. */
const statementsOfRole = (template: Template, roleLogicalId: string): Statement[] =>
  Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) => asList(policy.Properties.Roles as unknown[]).some((role) => JSON.stringify(role) === JSON.stringify({ Ref: roleLogicalId })))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);

/** The logical id of the role of the Lambda function with this physical name. */
const roleOfFunction = (template: Template, functionName: string): string => {
  const matches = Object.values(template.findResources('AWS::Lambda::Function', { Properties: { FunctionName: functionName } }));
  if (matches.length !== 1) throw new Error(`Expected one function named ${functionName}, found ${matches.length}`);
  const role = matches[0].Properties.Role as { 'Fn::GetAtt': [string, string] };
  return role['Fn::GetAtt'][0];
};

/** Logical id of the Lambda function with this physical name. */
const logicalIdOfFunction = (template: Template, functionName: string): string => {
  const [id] = Object.keys(template.findResources('AWS::Lambda::Function', { Properties: { FunctionName: functionName } }));
  if (id === undefined) throw new Error(`No function named ${functionName}`);
  return id;
};

export { actionsOf, asList, logicalIdOfFunction, roleOfFunction, statementsOfRole };
export type { Statement };
