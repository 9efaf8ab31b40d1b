import { beforeAll, describe, expect, it } from 'vitest';
import { Match } from 'aws-cdk-lib/assertions';
import { App, Stack } from 'aws-cdk-lib';
import { functionCatalogue, TableAccess } from '#contracts/function-catalogue';
import type { FunctionSpec } from '#contracts/function-catalogue';
import { stageConfig } from '../../lib/config/stage-config.ts';
import { ConfigurationError } from '../../lib/errors.ts';
import { FunctionSet } from '../../lib/functions/function-set.ts';
import { Scheduling } from '../../lib/scheduling/scheduling.ts';
import { statementsOfRole, actionsOf } from './iam-statements.ts';
import { placeholderEntry, synthDeployment } from './synth-deployment.ts';
import type { SynthesizedDeployment } from './synth-deployment.ts';

const scheduledSpec = (name: string): FunctionSpec => ({
  name,
  description: `Scheduled ${name}`,
  needs: { table: TableAccess.readWrite, sendsEmail: true, completesTasks: false, managesExecutions: false },
  trigger: 'schedule',
});

describe('Scheduling', () => {
  let synthesized: SynthesizedDeployment;
  const catalogue = (functionCatalogue as readonly FunctionSpec[]).some((spec) => spec.name === 'reminder-sweep')
    ? (functionCatalogue as readonly FunctionSpec[])
    : [...(functionCatalogue as readonly FunctionSpec[]), scheduledSpec('reminder-sweep')];

  beforeAll(() => {
    synthesized = synthDeployment('dev', { catalogue });
  });

  it('runs the reminder sweep daily on London time, passing the scheduled time', () => {
    // Assess
    synthesized.templates.workflow.hasResourceProperties('AWS::Scheduler::Schedule', {
      Name: `${synthesized.config.prefix}-reminder-sweep`,
      ScheduleExpression: 'cron(0 7 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/London',
      State: 'ENABLED',
      Target: Match.objectLike({
        Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('ReminderSweepFunction'), 'Arn'] },
        Input: Match.stringLikeRegexp('aws.scheduler.scheduled-time'),
      }),
    });
  });

  it('fails the synth for a scheduled function with no schedule defined', () => {
    // Prepare
    const stack = new Stack(new App(), 'Unscheduled');
    const config = stageConfig({ stage: 'dev' });
    const functions = new FunctionSet(stack, 'Functions', { catalogue: [scheduledSpec('unplanned-job')], config, entryFor: () => placeholderEntry });
    // Act
    const build = () => new Scheduling(stack, 'Scheduling', { config, scheduledFunctions: functions.functions, stateMachineName: 'machine' });
    // Assess
    expect(build).toThrow(ConfigurationError);
  });

  it('creates no recurring schedule for functions triggered otherwise', () => {
    // Act
    const schedules = Object.values(synthesized.templates.workflow.findResources('AWS::Scheduler::Schedule'));
    // Assess
    expect(schedules.map((schedule) => schedule.Properties.Name)).toEqual(
      catalogue.filter((spec) => spec.trigger === 'schedule').map((spec) => `${synthesized.config.prefix}-${spec.name}`));
  });

  const schedulerRoles = () => Object.entries(synthesized.templates.workflow.findResources('AWS::IAM::Role'))
    .filter(([, role]) => JSON.stringify(role.Properties.AssumeRolePolicyDocument).includes('scheduler.amazonaws.com'));

  it('trusts Scheduler only for schedules of a named group: aws:SourceArn is the schedule GROUP ARN', () => {
    // Act
    const conditions = schedulerRoles().map(([, role]) => JSON.stringify(role.Properties.AssumeRolePolicyDocument.Statement[0].Condition));
    const startRole = schedulerRoles().find(([, role]) => String(role.Properties.Description).startsWith('Lets one-off'));
    // Assess
    expect(conditions.length).toBeGreaterThanOrEqual(2);
    for (const condition of conditions) {
      expect(condition).toMatch(/"ArnEquals":\{"aws:SourceArn":.*:schedule-group\/[a-z0-9-]+"/);
      expect(condition).not.toContain(':schedule/');
    }
    expect(JSON.stringify(startRole?.[1].Properties.AssumeRolePolicyDocument)).toContain(`:schedule-group/${synthesized.config.prefix}-cycle-starts"`);
  });

  it('keeps undeliverable starts in an encrypted, SSL-only dead-letter queue for 14 days', () => {
    // Assess
    synthesized.templates.workflow.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: `${synthesized.config.prefix}-schedule-dead-letters`,
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 86_400,
    });
    synthesized.templates.workflow.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  it('gives every recurring schedule retries and the dead-letter queue', () => {
    // Prepare
    const [queueId] = Object.keys(synthesized.templates.workflow.findResources('AWS::SQS::Queue'));
    // Act
    const targets = Object.values(synthesized.templates.workflow.findResources('AWS::Scheduler::Schedule')).map((schedule) => schedule.Properties.Target);
    // Assess
    expect(targets.length).toBeGreaterThan(0);
    for (const target of targets) {
      expect(target.DeadLetterConfig).toEqual({ Arn: { 'Fn::GetAtt': [queueId, 'Arn'] } });
      expect(target.RetryPolicy.MaximumRetryAttempts).toBeGreaterThan(0);
    }
  });

  it('lets the one-off schedules\' role start the cycle state machine and dead-letter, and tells the function the queue', () => {
    // Prepare
    const [startRoleId] = schedulerRoles().find(([, role]) => String(role.Properties.Description).startsWith('Lets one-off')) ?? [];
    const [queueId] = Object.keys(synthesized.templates.workflow.findResources('AWS::SQS::Queue'));
    // Act
    const statements = statementsOfRole(synthesized.templates.workflow, startRoleId as string);
    // Assess
    expect(statements.flatMap(actionsOf)).toEqual(expect.arrayContaining(['states:StartExecution', 'sqs:SendMessage']));
    expect(statements.find((statement) => actionsOf(statement).includes('sqs:SendMessage'))?.Resource).toEqual({ 'Fn::GetAtt': [queueId, 'Arn'] });
    synthesized.templates.workflow.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: `${synthesized.config.prefix}-schedule-cycle-starts`,
      Environment: { Variables: Match.objectLike({ SCHEDULE_DEAD_LETTER_QUEUE_ARN: { 'Fn::GetAtt': [queueId, 'Arn'] } }) },
    });
  });
});
