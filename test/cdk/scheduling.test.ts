import { beforeAll, describe, expect, it } from 'vitest';
import { Match } from 'aws-cdk-lib/assertions';
import { App, Stack } from 'aws-cdk-lib';
import { functionCatalogue, TableAccess } from '../../functions/catalogue.ts';
import type { FunctionSpec } from '../../functions/catalogue.ts';
import { stageConfig } from '../../lib/config/stage-config.ts';
import { ConfigurationError } from '../../lib/errors.ts';
import { FunctionSet } from '../../lib/functions/function-set.ts';
import { Scheduling } from '../../lib/scheduling/scheduling.ts';
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
});
