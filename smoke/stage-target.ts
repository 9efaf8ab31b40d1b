// A real stage: the deployed HTTP API with a bearer ID token per group, the stage's table and
// Step Functions through the default credential chain, and SESv2 GetAccount's sending statistics.
// The tokens come from a pluggable signIn(group); the one built in reads SMOKE_TOKEN_<GROUP>
// (the stage's app client does not allow the AdminInitiateAuth flow: see docs/deploy-to-aws.md).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetAccountCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Identity, SmokeTarget } from './target.ts';

type SignIn = (group: Identity['group']) => Promise<string>;

class MissingSmokeSetting extends Error {
  constructor(name: string, why: string) {
    super(`${name} is not set: ${why}`);
    this.name = 'MissingSmokeSetting';
  }
}

/** The ID token of a user in `group`, from SMOKE_TOKEN_STAFF, SMOKE_TOKEN_SERVICE, ... */
const envTokenSignIn: SignIn = async (group) => {
  const name = `SMOKE_TOKEN_${group.toUpperCase()}`;
  const token = process.env[name];
  if (!token) throw new MissingSmokeSetting(name, `an ID token of a Cognito user in the ${group} group`);
  return token;
};

interface StageOptions {
  stage: string;
  api: string;
  tableName: string;
  /** The custom:organisationId of the service token's user: the smoke service is enrolled in it. */
  organisationId: string;
  /** The service token's email: the smoke service is enrolled with it as lead, so that user may submit the self-review. */
  serviceLeadEmail: string;
  region?: string;
  signIn?: SignIn;
}

const stageTarget = async (options: StageOptions): Promise<SmokeTarget> => {
  const signIn = options.signIn ?? envTokenSignIn;
  const tokens = new Map<string, Promise<string>>();
  const clientConfig = options.region ? { region: options.region } : {};
  const table = DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig));
  const sfn = new SFNClient(clientConfig);
  const ses = new SESv2Client(clientConfig);
  return {
    name: options.stage,
    api: options.api.replace(/\/$/, ''),
    headersFor: async (who) => {
      if (!tokens.has(who.group)) tokens.set(who.group, signIn(who.group));
      return { authorization: `Bearer ${await tokens.get(who.group)}` };
    },
    organisationId: options.organisationId,
    serviceLeadEmail: options.serviceLeadEmail,
    table: { client: table, name: options.tableName },
    sfn,
    // SES keeps no per-message store: the account's sending statistics show mail went out.
    checkEmails: async () => {
      const { SendQuota, SendingEnabled } = await ses.send(new GetAccountCommand({}));
      const sent = SendQuota?.SentLast24Hours ?? 0;
      return { name: 'emails (SESv2 GetAccount sending statistics)', ok: SendingEnabled === true && sent > 0, detail: `sending ${SendingEnabled ? 'enabled' : 'DISABLED'}, ${sent} sent in the last 24 hours of ${SendQuota?.Max24HourSend ?? '?'}` };
    },
    stop: async () => {
      table.destroy();
      sfn.destroy();
      ses.destroy();
    },
  };
};

export { envTokenSignIn, MissingSmokeSetting, stageTarget };
export type { SignIn, StageOptions };
