// Who may call the API: a Cognito user pool whose groups are the project's roles. The handlers
// enforce role and organisation from the token's claims (cognito:groups, custom:organisationId,
// custom:reviewerId).
import { CfnOutput, Duration } from 'aws-cdk-lib';
import {
  AccountRecovery, ClientAttributes, FeaturePlan, Mfa, StringAttribute, UserPool, UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config.ts';
import { acknowledge } from '../nag.ts';

const UserGroup = {
  staff: 'staff',
  service: 'service',
  reviewer: 'reviewer',
  committee: 'committee',
} as const;
type UserGroup = (typeof UserGroup)[keyof typeof UserGroup];

const groupDescriptions: Record<UserGroup, string> = {
  staff: 'Network staff: enrol services, launch cohorts, extend deadlines, allocate reviewers',
  service: 'Member-service leads: self-review, visit dates, factual-accuracy answers',
  reviewer: 'Peer reviewers: accept invitations, record peer ratings',
  committee: 'Accreditation committee members: record decisions',
};

interface UserDirectoryProps {
  config: StageConfig;
}

class UserDirectory extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;

  constructor(scope: Construct, id: string, props: UserDirectoryProps) {
    super(scope, id);
    const { config } = props;
    this.userPool = new UserPool(this, 'UserPool', {
      userPoolName: `${config.prefix}-users`,
      // Accounts are created by network staff for known people; nobody signs themselves up.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      standardAttributes: { email: { required: true, mutable: true }, fullname: { required: true, mutable: true } },
      // Read by the API's authorisation: a service user's organisation, a reviewer's pool id.
      customAttributes: {
        organisationId: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
        reviewerId: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
      },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true,
        tempPasswordValidity: Duration.days(7),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.ESSENTIALS,
      deletionProtection: config.deletionProtection,
      removalPolicy: config.removalPolicy,
    });
    for (const group of Object.values(UserGroup)) {
      this.userPool.addGroup(`Group${group}`, { groupName: group, description: groupDescriptions[group] });
    }
    this.client = this.userPool.addClient('WebClient', {
      userPoolClientName: `${config.prefix}-web`,
      generateSecret: false,
      authFlows: { userSrp: true },
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(1),
      // Users may not change their own organisation: it decides what they can see.
      writeAttributes: new ClientAttributes().withStandardAttributes({ email: true, fullname: true }),
    });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId, description: 'Cognito user pool (create the first staff user here)' });
    new CfnOutput(this, 'UserPoolClientId', { value: this.client.userPoolClientId, description: 'App client the pages and the CLI sign in with' });
    const plusPlanReason = 'Threat protection needs the Cognito Plus plan, billed per monthly active user, where Essentials is free up to 10,000; sign-in is protected by required TOTP MFA and a 12-character password policy instead.';
    acknowledge(this.userPool, 'AwsSolutions-COG8', plusPlanReason);
  }
}

export { UserDirectory, UserGroup };
export type { UserDirectoryProps };
