import { describe, expect, it } from 'vitest';
import { RemovalPolicy } from 'aws-cdk-lib';
import { stageConfig } from '../../lib/config/stage-config.ts';
import type { StageContext } from '../../lib/config/stage-config.ts';
import { stageContextFrom } from '../../lib/config/stage-context.ts';
import { ConfigurationError } from '../../lib/errors.ts';

describe('Function: stageConfig', () => {
  it.each<[string, StageContext]>([
    ['an unknown stage', { stage: 'staging' }],
    ['no stage', {}],
    ['prod without an email domain', { stage: 'prod', appBaseUrl: 'https://reviews.example.org' }],
    ['prod without an app URL', { stage: 'prod', emailDomain: 'reviews.example.org' }],
    ['an app URL that is not https', { stage: 'dev', appBaseUrl: 'http://reviews.example.org' }],
    ['an empty alarm email', { stage: 'dev', alarmEmail: ' ' }],
    ['prod without an alarm email (alarms would reach nobody)', { stage: 'prod', emailDomain: 'reviews.example.org', appBaseUrl: 'https://reviews.example.org' }],
    ['an alarm email that is not an address', { stage: 'dev', alarmEmail: 'ops team' }],
  ])('rejects %s', (_case, context) => {
    // Act
    const build = () => stageConfig(context);
    // Assess
    expect(build).toThrow(ConfigurationError);
  });

  it.each([
    { stage: 'dev', removalPolicy: RemovalPolicy.DESTROY, deletionProtection: false, logExecutionData: true },
    { stage: 'prod', removalPolicy: RemovalPolicy.RETAIN, deletionProtection: true, logExecutionData: false },
  ])('gives $stage its own names and protection', ({ stage, removalPolicy, deletionProtection, logExecutionData }) => {
    // Act
    const config = stageConfig({ stage, emailDomain: 'reviews.example.org', appBaseUrl: 'https://reviews.example.org', alarmEmail: 'ops@example.org' });
    // Assess
    expect(config.prefix).toBe(`accredit-${stage}`);
    expect(config.removalPolicy).toBe(removalPolicy);
    expect(config.deletionProtection).toBe(deletionProtection);
    expect(config.logExecutionData).toBe(logExecutionData);
    expect(config.powertools.metricsNamespace).toContain(stage);
  });

  it('lets dev synthesise without a domain, on a placeholder that sends nothing', () => {
    // Act
    const config = stageConfig({ stage: 'dev' });
    // Assess
    expect(config.emailDomain).toBe('example.org');
    expect(config.appBaseUrl).toBe('https://example.org');
  });
});

describe('Function: stageContextFrom', () => {
  const contextOf = (values: Record<string, unknown>) => (key: string): unknown => values[key];

  it('reads the stage\'s settings from cdk.json "stages", and lets -c override one', () => {
    // Prepare
    const stages = { prod: { emailDomain: 'reviews.example.org', appBaseUrl: 'https://reviews.example.org', alarmEmail: 'ops@example.org', cliCallbackPort: 9100 }, dev: { alarmEmail: 'dev@example.org' } };
    // Act
    const context = stageContextFrom(contextOf({ stage: 'prod', stages, alarmEmail: 'oncall@example.org' }));
    // Assess
    expect(context).toMatchObject({ stage: 'prod', emailDomain: 'reviews.example.org', alarmEmail: 'oncall@example.org', cliCallbackPort: 9100 });
    expect(stageConfig(context).signIn.cliCallbackUrl).toBe('http://localhost:9100/callback');
  });

  it('takes nothing from another stage\'s settings', () => {
    // Act
    const context = stageContextFrom(contextOf({ stage: 'dev', stages: { prod: { alarmEmail: 'ops@example.org' } } }));
    // Assess
    expect(context.alarmEmail).toBeUndefined();
  });
});
