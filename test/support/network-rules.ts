// Lets a running cycle's network configuration allow overriding hard allocation rules, in place.
// Not how staff change a configuration (a load makes a new version, and a running cycle keeps the
// one it started with); tests use it to reach "the network allows the override" mid-cycle. The
// cycle's started version item is rewritten with the network item, and the versions a warm
// container keeps (helpers/records.ts) are forgotten, as a cold start would.
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { TestApp } from './local-app.ts';

const allowOverridableRules = async (env: TestApp, networkId: string, cycleId: string, rules: readonly string[]): Promise<void> => {
  const { Item: cycle } = await env.table.send(new GetCommand({ TableName: env.app.tableName, Key: { pk: `CYCLE#${cycleId}`, sk: 'STATE' } }));
  const version = String(Number(cycle?.networkConfigVersion ?? 1)).padStart(6, '0');
  for (const sk of ['CONFIG', `CONFIG_VERSION#${version}`]) {
    await env.table.send(
      new UpdateCommand({
        TableName: env.app.tableName,
        Key: { pk: `NETWORK#${networkId}`, sk },
        UpdateExpression: 'SET config.reviewTeam.overridableRules = :rules',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':rules': [...rules] },
      }),
    );
  }
  // Imported once the app has set the functions' environment (the module reads TABLE_NAME as it loads).
  const { forgetNetworkConfigVersions } = await import('#commons/helpers/records');
  forgetNetworkConfigVersions();
};

export { allowOverridableRules };
