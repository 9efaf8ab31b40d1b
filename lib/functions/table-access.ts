// The DynamoDB actions each catalogue access level implies. Written out rather than taken from
// TableV2.grantReadData/grantWriteData, which also grant Scan, DescribeTable and stream reads:
// the design forbids full-table scans, and no handler reads a stream.
import { TableAccess } from '#contracts/function-catalogue';

type TableAccessLevel = (typeof TableAccess)[keyof typeof TableAccess];

const readActions = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  // TransactWriteItems condition checks on items it does not write (e.g. "cycle exists").
  'dynamodb:ConditionCheckItem',
] as const;

// TransactWriteItems has no IAM action of its own: each item in it is authorised as the
// Put/Update/Delete/ConditionCheck it performs.
const writeActions = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
] as const;

const tableActionsFor = (access: TableAccessLevel): readonly string[] => {
  switch (access) {
    case TableAccess.none:
      return [];
    case TableAccess.read:
      return [...readActions];
    case TableAccess.write:
      return [...writeActions];
    case TableAccess.readWrite:
      return [...new Set([...readActions, ...writeActions])];
  }
};

export { tableActionsFor, readActions, writeActions };
export type { TableAccessLevel };
