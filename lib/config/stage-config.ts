// What differs between stages. Everything account-specific (account, region, domain, alarm
// address) comes from the CDK environment or `-c` context, never from this file.
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { ConfigurationError } from '../errors.ts';

const Stage = {
  dev: 'dev',
  prod: 'prod',
} as const;
type Stage = (typeof Stage)[keyof typeof Stage];

interface StageConfig {
  stage: Stage;
  /** Prefix of every physical name, so two stages can share an account without clashing. */
  prefix: string;
  /** Domain the SES identity verifies and emails are sent from. */
  emailDomain: string;
  /** Base URL of the pages the emails link to. */
  appBaseUrl: string;
  /**
   * Where alarm notifications go (an SNS email subscription, confirmed from the first email).
   * Required for prod; a dev stage without it has alarms nobody receives, and synth says so.
   */
  alarmEmail?: string;
  signIn: SignInSettings;
  removalPolicy: RemovalPolicy;
  deletionProtection: boolean;
  logRetention: RetentionDays;
  /**
   * Step Functions execution data holds task tokens (credentials to complete a human step)
   * and the names of staff and reviewers; prod keeps it out of CloudWatch Logs and leaves
   * it in the execution history, which only IAM principals with states:Describe* can read.
   */
  logExecutionData: boolean;
  powertools: { serviceName: string; logLevel: 'DEBUG' | 'INFO'; metricsNamespace: string };
  /** HTTP API default-route throttling: a review network has hundreds of users, not millions. */
  apiThrottle: { rateLimit: number; burstLimit: number };
  lambdaTimeout: Duration;
}

/** Cognito managed login: where users are sent back to after signing in, and its domain. */
interface SignInSettings {
  /** The web app's callback (appBaseUrl + path); the CloudFront URL's is added by the stack. */
  appCallbackPath: string;
  /**
   * `accredit login`'s loopback redirect. Cognito accepts plain HTTP only for `http://localhost`
   * (CreateUserPoolClient API reference, CallbackURLs), so the CLI listens on 127.0.0.1 and
   * redirects to localhost on this port.
   */
  cliCallbackUrl: string;
  /** `<prefix>.auth.<region>.amazoncognito.com`: unique per region across all AWS accounts. */
  domainPrefix: string;
}

interface StageContext {
  stage?: unknown;
  emailDomain?: unknown;
  alarmEmail?: unknown;
  appBaseUrl?: unknown;
  cliCallbackPort?: unknown;
  authDomainPrefix?: unknown;
}

/** The domain used when `-c emailDomain=` is absent in dev; deploying with it sends nothing. */
const placeholderEmailDomain = 'example.org';

const isStage = (value: unknown): value is Stage =>
  typeof value === 'string' && Object.values(Stage).includes(value as Stage);

const optionalString = (name: string, value: unknown): string | undefined => {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ConfigurationError(`Context "${name}" must be a non-empty string`);
  }
  return value.trim();
};

const emailDomainFor = (stage: Stage, value: unknown): string => {
  const domain = optionalString('emailDomain', value);
  if (domain !== undefined) return domain;
  if (stage === Stage.prod) {
    throw new ConfigurationError('Context "emailDomain" is required for prod: cdk deploy -c stage=prod -c emailDomain=<domain>');
  }
  return placeholderEmailDomain;
};

const appBaseUrlFor = (stage: Stage, emailDomain: string, value: unknown): string => {
  const url = optionalString('appBaseUrl', value);
  if (url !== undefined) {
    if (!/^https:\/\//.test(url)) throw new ConfigurationError('Context "appBaseUrl" must be an https:// URL');
    return url;
  }
  if (stage === Stage.prod) {
    throw new ConfigurationError('Context "appBaseUrl" is required for prod: the emails link to it');
  }
  return `https://${emailDomain}`;
};

const alarmEmailFor = (stage: Stage, value: unknown): string | undefined => {
  const email = optionalString('alarmEmail', value);
  if (email === undefined && stage === Stage.prod) {
    throw new ConfigurationError('Context "alarmEmail" is required for prod: without it no alarm reaches anyone (cdk.json "stages.prod.alarmEmail" or -c alarmEmail=<address>)');
  }
  if (email !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw new ConfigurationError(`Context "alarmEmail" is not an email address: ${email}`);
  return email;
};

/** An unprivileged port, so the CLI can listen on it without root. */
const defaultCliCallbackPort = 8976;

const cliCallbackUrlFor = (value: unknown): string => {
  const port = value === undefined ? defaultCliCallbackPort : Number(value);
  if (!Number.isInteger(port) || port < 1024 || port > 65_535) {
    throw new ConfigurationError(`Context "cliCallbackPort" must be a port from 1024 to 65535; got ${String(value)}`);
  }
  return `http://localhost:${port}/callback`;
};

const domainPrefixFor = (prefix: string, value: unknown): string => {
  const domainPrefix = optionalString('authDomainPrefix', value) ?? prefix;
  // Cognito domain prefixes: lowercase letters, digits and hyphens, and never "aws" or "cognito".
  if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(domainPrefix) || /aws|amazon|cognito/.test(domainPrefix)) {
    throw new ConfigurationError(`Context "authDomainPrefix" must be lowercase letters, digits and hyphens without aws, amazon or cognito; got ${domainPrefix}`);
  }
  return domainPrefix;
};

const stageConfig = (context: StageContext): StageConfig => {
  if (!isStage(context.stage)) {
    throw new ConfigurationError(`Context "stage" must be one of ${Object.values(Stage).join(', ')}; got ${String(context.stage)}`);
  }
  const stage = context.stage;
  const isProd = stage === Stage.prod;
  const emailDomain = emailDomainFor(stage, context.emailDomain);
  const prefix = `accredit-${stage}`;
  return {
    stage,
    prefix,
    emailDomain,
    appBaseUrl: appBaseUrlFor(stage, emailDomain, context.appBaseUrl),
    alarmEmail: alarmEmailFor(stage, context.alarmEmail),
    signIn: {
      // The web app's own path for the code's return (web/src/auth/oidc-sign-in.ts reads it from config.json).
      appCallbackPath: '/auth/callback',
      cliCallbackUrl: cliCallbackUrlFor(context.cliCallbackPort),
      domainPrefix: domainPrefixFor(prefix, context.authDomainPrefix),
    },
    removalPolicy: isProd ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    deletionProtection: isProd,
    // Prod keeps logs for 13 months so a full annual audit cycle can be traced back.
    logRetention: isProd ? RetentionDays.THIRTEEN_MONTHS : RetentionDays.TWO_WEEKS,
    logExecutionData: !isProd,
    powertools: {
      serviceName: 'accreditation-cycle',
      logLevel: isProd ? 'INFO' : 'DEBUG',
      // One namespace per stage, so dev traffic never shows on the prod dashboard.
      metricsNamespace: `AccreditationCycle/${stage}`,
    },
    apiThrottle: { rateLimit: 50, burstLimit: 100 },
    lambdaTimeout: Duration.seconds(30),
  };
};

export { Stage, stageConfig, placeholderEmailDomain };
export type { SignInSettings, StageConfig, StageContext };
