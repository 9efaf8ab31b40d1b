// Sets a function's table environment variable and grants the matching actions in one call,
// so a function can never know a table it may not use, nor use one it was not told about.
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Token } from 'aws-cdk-lib';
import { regionalArnAsNagPrintsIt } from '../arns.ts';
import { acknowledge } from '../nag.ts';
import { EnvVar } from '#contracts/environment';
import { tableActionsFor } from './table-access.ts';
import type { TableAccessLevel } from './table-access.ts';

interface BindTableProps {
  fn: LambdaFunction;
  table: ITableV2;
  access: TableAccessLevel;
  envVarName?: string;
}

const bindTable = ({ fn, table, access, envVarName = EnvVar.tableName }: BindTableProps): void => {
  const actions = tableActionsFor(access);
  if (actions.length === 0) return;
  fn.addEnvironment(envVarName, table.tableName);
  // TableV2.grant covers the table and its indexes: Query on an index is authorised on its ARN.
  table.grant(fn, ...actions);
  if (fn.role !== undefined && !Token.isUnresolved(table.tableName)) {
    acknowledge(fn.role, `AwsSolutions-IAM5[Resource::${regionalArnAsNagPrintsIt('dynamodb', `table/${table.tableName}/index/*`)}]`,
      'Index ARNs of the application table only, for Query on its GSIs; the actions are the ones the catalogue access level implies, never dynamodb:*.');
  }
};

export { bindTable };
export type { BindTableProps };
