// Who may call the API: a Cognito user pool whose groups are the project's roles, its managed
// login, and the one app client the web app and `accredit login` sign in with (authorisation
// code with PKCE; no implicit flow, no client secret, no direct password or SRP sign-in).
//
// The API's JWT authoriser accepts the ID token, and that is the token the app and the CLI send:
// it carries cognito:groups and the custom attributes (custom:organisationId, custom:reviewerId)
// the handlers authorise on. An access token carries the groups but not custom attributes
// unless a pre-token-generation Lambda (V2 event) adds them, one more function on every sign-in
// and refresh for no gain here.
import { CfnOutput, Duration, Lazy } from 'aws-cdk-lib';
import {
  AccountRecovery, CfnManagedLoginBranding, ClientAttributes, FeaturePlan, ManagedLoginVersion, Mfa, OAuthScope, StringAttribute,
  UserPool, UserPoolClient, UserPoolClientIdentityProvider, UserPoolDomain,
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

/** The claims the handlers read, so the ID token must carry them (the client may read them). */
const customClaims = { organisationId: true, reviewerId: true } as const;

class UserDirectory extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly domain: UserPoolDomain;
  /** `https://<prefix>.auth.<region>.amazoncognito.com`: managed login and the token endpoint. */
  readonly signInOrigin: string;
  /** Origins the web app is served from (the stage's app URL, the CloudFront URL). */
  private readonly appOrigins: string[] = [];

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
    this.appOrigins.push(new URL(config.appBaseUrl).origin);
    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: config.signIn.domainPrefix },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    this.signInOrigin = this.domain.baseUrl();
    const callbackUrls = Lazy.list({ produce: () => [...this.appOrigins.map((origin) => `${origin}${config.signIn.appCallbackPath}`), config.signIn.cliCallbackUrl] });
    const logoutUrls = Lazy.list({ produce: () => [...this.appOrigins.map((origin) => `${origin}/`), new URL('/', config.signIn.cliCallbackUrl).href] });
    this.client = this.userPool.addClient('WebClient', {
      userPoolClientName: `${config.prefix}-web`,
      // A browser app and a CLI cannot keep a secret; PKCE protects their code exchange instead.
      generateSecret: false,
      // Only refresh-token sign-in: no password or SRP flow that would bypass managed login's MFA.
      authFlows: { userSrp: false, userPassword: false, adminUserPassword: false, custom: false, user: false },
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls,
        logoutUrls,
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(1),
      readAttributes: new ClientAttributes().withStandardAttributes({ email: true, fullname: true }).withCustomAttributes(...Object.keys(customClaims)),
      // Users may not change their own organisation: it decides what they can see.
      writeAttributes: new ClientAttributes().withStandardAttributes({ email: true, fullname: true }),
    });
    // Managed login (not the classic hosted UI) shows nothing until the client has a style.
    new CfnManagedLoginBranding(this, 'Branding', {
      userPoolId: this.userPool.userPoolId,
      clientId: this.client.userPoolClientId,
      useCognitoProvidedValues: true,
    });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId, description: 'Cognito user pool (create the first staff user here)' });
    new CfnOutput(this, 'UserPoolClientId', { value: this.client.userPoolClientId, description: 'App client the pages and the CLI sign in with' });
    new CfnOutput(this, 'SignInDomain', { value: this.signInOrigin, description: 'Cognito managed login (authorisation and token endpoints)' });
    const plusPlanReason = 'Threat protection needs the Cognito Plus plan, billed per monthly active user, where Essentials is free up to 10,000; sign-in is protected by required TOTP MFA and a 12-character password policy instead.';
    acknowledge(this.userPool, 'AwsSolutions-COG8', plusPlanReason);
  }

  /** Also accept sign-in callbacks for the web app served from this origin. */
  addAppOrigin(origin: string): void {
    this.appOrigins.push(origin);
  }
}

export { UserDirectory, UserGroup };
export type { UserDirectoryProps };
