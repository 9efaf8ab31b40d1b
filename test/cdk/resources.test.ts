import { beforeAll, describe, expect, it } from 'vitest';
import { Match } from 'aws-cdk-lib/assertions';
import { functionCatalogue } from '#contracts/function-catalogue';
import type { FunctionSpec } from '#contracts/function-catalogue';
import { UserGroup } from '../../lib/api/user-directory.ts';
import { tableDesign } from '../../lib/data/table-design.ts';
import { INDEX_PROJECTIONS, MAX_NON_KEY_ATTRIBUTES_PER_INDEX, MAX_NON_KEY_ATTRIBUTES_PER_TABLE } from '../../contracts/index-projections.ts';
import { loadEmailTemplates } from '../../lib/notifications/email-templates.ts';
import { listAslFiles } from '../../lib/workflow/asl-files.ts';
import { synthDeployment } from './synth-deployment.ts';
import type { SynthesizedDeployment } from './synth-deployment.ts';

const catalogue = functionCatalogue as readonly FunctionSpec[];

describe.each([
  { stage: 'dev' as const, deletionProtection: false, deletionPolicy: 'Delete', retentionDays: 14 },
  { stage: 'prod' as const, deletionProtection: true, deletionPolicy: 'Retain', retentionDays: 400 },
])('Stacks for stage $stage', ({ stage, deletionProtection, deletionPolicy, retentionDays }) => {
  let synthesized: SynthesizedDeployment;
  beforeAll(() => {
    synthesized = synthDeployment(stage);
  });

  describe('Data', () => {
    it('is one on-demand table with point-in-time recovery, TTL and the handlers\' indexes', () => {
      // Assess
      synthesized.templates.data.hasResource('AWS::DynamoDB::GlobalTable', {
        DeletionPolicy: deletionPolicy,
        Properties: Match.objectLike({
          BillingMode: 'PAY_PER_REQUEST',
          TimeToLiveSpecification: { AttributeName: tableDesign.timeToLiveAttribute, Enabled: true },
          KeySchema: [
            { AttributeName: tableDesign.partitionKey, KeyType: 'HASH' },
            { AttributeName: tableDesign.sortKey, KeyType: 'RANGE' },
          ],
          GlobalSecondaryIndexes: tableDesign.globalIndexes.map((index) => Match.objectLike({
            IndexName: index.indexName,
            KeySchema: [
              { AttributeName: index.partitionKey, KeyType: 'HASH' },
              { AttributeName: index.sortKey, KeyType: 'RANGE' },
            ],
            // Only what the index's queries read (issue 14), never the whole item.
            Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...INDEX_PROJECTIONS[index.indexName]] },
          })),
          Replicas: [Match.objectLike({
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
            DeletionProtectionEnabled: deletionProtection,
          })],
        }),
      });
    });
    it('projects no more non-key attributes than DynamoDB accepts: 20 an index, 100 across the table', () => {
      // Arrange: the indexes as synthesized (DynamoDB Local accepts more, so only the template can tell)
      const tables = Object.values(synthesized.templates.data.findResources('AWS::DynamoDB::GlobalTable'));
      const indexes = tables.flatMap((table) => (table.Properties.GlobalSecondaryIndexes ?? []) as { IndexName: string; Projection: { NonKeyAttributes?: string[] } }[]);
      const counts = indexes.map((index) => [index.IndexName, index.Projection.NonKeyAttributes?.length ?? 0] as const);

      // Assess
      expect(counts.length).toBeGreaterThan(0);
      for (const [name, count] of counts) expect(count, name).toBeLessThanOrEqual(MAX_NON_KEY_ATTRIBUTES_PER_INDEX);
      expect(counts.reduce((total, [, count]) => total + count, 0)).toBeLessThanOrEqual(MAX_NON_KEY_ATTRIBUTES_PER_TABLE);
    });
  });

  describe('Functions', () => {
    it.each(catalogue.map((spec) => [spec.name, spec]))('%s: arm64, Node.js 22, ESM with source maps, X-Ray, Powertools settings', (_name, spec) => {
      // Assess
      synthesized.templates.workflow.hasResourceProperties('AWS::Lambda::Function', {
        FunctionName: `${synthesized.config.prefix}-${spec.name}`,
        Architectures: ['arm64'],
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogGroup: Match.anyValue() },
        Environment: {
          Variables: Match.objectLike({
            NODE_OPTIONS: '--enable-source-maps',
            POWERTOOLS_SERVICE_NAME: synthesized.config.powertools.serviceName,
            POWERTOOLS_LOG_LEVEL: stage === 'prod' ? 'INFO' : 'DEBUG',
            POWERTOOLS_METRICS_NAMESPACE: `AccreditationCycle/${stage}`,
          }),
        },
      });
    });

    it('keeps every log group for the stage\'s retention', () => {
      // Act
      const logGroups = Object.values(synthesized.templates.workflow.findResources('AWS::Logs::LogGroup'));
      // Assess
      expect(logGroups.length).toBeGreaterThanOrEqual(catalogue.length + listAslFiles().length);
      expect(logGroups.map((group) => group.Properties.RetentionInDays)).toEqual(logGroups.map(() => retentionDays));
    });
  });

  describe('Workflow', () => {
    it.each(listAslFiles().map((asl) => [asl.name, asl]))('%s: Standard, logging ALL, X-Ray tracing, definition from the ASL file', (_name, asl) => {
      // Assess
      synthesized.templates.workflow.hasResourceProperties('AWS::StepFunctions::StateMachine', {
        StateMachineName: `${synthesized.config.prefix}-${asl.name}`,
        StateMachineType: 'STANDARD',
        TracingConfiguration: { Enabled: true },
        LoggingConfiguration: {
          Level: 'ALL',
          IncludeExecutionData: stage !== 'prod',
          Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: Match.anyValue() } }],
        },
        // DefinitionBody.fromFile: the file itself is uploaded as an asset, never restated.
        DefinitionS3Location: Match.objectLike({ Key: Match.stringLikeRegexp('\\.json$') }),
        DefinitionSubstitutions: Match.anyValue(),
      });
    });

    it('has a schedule group for one-off interim-review and renewal starts, and a role that may only start the cycle (and dead-letter)', () => {
      // Assess
      synthesized.templates.workflow.hasResourceProperties('AWS::Scheduler::ScheduleGroup', { Name: `${synthesized.config.prefix}-cycle-starts` });
      synthesized.templates.workflow.hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'states:StartExecution', Effect: 'Allow' })]) },
        Roles: [{ Ref: Match.stringLikeRegexp('SchedulingStartCycleRole') }],
      });
    });
  });

  describe('API', () => {
    it('authorises every route with the Cognito user pool', () => {
      // Act
      const routes = Object.values(synthesized.templates.api.findResources('AWS::ApiGatewayV2::Route'));
      // Assess
      synthesized.templates.api.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', { AuthorizerType: 'JWT' });
      expect(routes.length).toBeGreaterThan(0);
      expect(routes.map((route) => route.Properties.AuthorizationType)).toEqual(routes.map(() => 'JWT'));
    });

    it('logs access and throttles the default stage', () => {
      // Assess
      synthesized.templates.api.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        StageName: '$default',
        AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
        DefaultRouteSettings: Match.objectLike({ ThrottlingRateLimit: synthesized.config.apiThrottle.rateLimit }),
      });
    });

    it.each(Object.values(UserGroup))('has the user group %s', (group) => {
      // Assess
      synthesized.templates.api.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: group });
    });

    it('lets nobody sign themselves up and requires MFA', () => {
      // Assess
      synthesized.templates.api.hasResourceProperties('AWS::Cognito::UserPool', {
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        MfaConfiguration: 'ON',
      });
    });
  });

  describe('Notifications', () => {
    it('verifies the configured domain and sends through the configuration set', () => {
      // Assess
      synthesized.templates.notifications.hasResourceProperties('AWS::SES::EmailIdentity', {
        EmailIdentity: synthesized.config.emailDomain,
        ConfigurationSetAttributes: { ConfigurationSetName: Match.anyValue() },
      });
      synthesized.templates.notifications.hasResourceProperties('AWS::SES::ConfigurationSet', { Name: `${synthesized.config.prefix}-emails` });
    });

    it.each(loadEmailTemplates().map((template) => [template.TemplateName, template]))('deploys the email template %s from emails/', (_name, template) => {
      // Assess
      synthesized.templates.notifications.hasResourceProperties('AWS::SES::Template', {
        Template: { TemplateName: template.TemplateName, SubjectPart: template.SubjectPart, HtmlPart: template.HtmlPart, TextPart: template.TextPart },
      });
    });
  });

  describe('Monitoring', () => {
    it('has a dashboard showing cycles by stage, tasks due, reminders, failed executions and handler errors', () => {
      // Act
      const [dashboard] = Object.values(synthesized.templates.monitoring.findResources('AWS::CloudWatch::Dashboard'));
      const body = JSON.stringify(dashboard.Properties.DashboardBody);
      // Assess
      for (const title of ['Cycles entering each stage', 'Tasks due a reminder', 'Reminders and escalations sent', 'Failed executions', 'Handler errors']) {
        expect(body).toContain(title);
      }
      expect(body).toContain(`AccreditationCycle/${stage}`);
    });

    it.each([
      ...catalogue.map((spec) => [`${spec.name}-errors`, 'Errors']),
      ...listAslFiles().map((asl) => [`${asl.name}-failed`, 'ExecutionsFailed']),
    ])('alarms on %s to the SNS topic', (suffix, metricName) => {
      // Assess
      synthesized.templates.monitoring.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: `${synthesized.config.prefix}-${suffix}`,
        MetricName: metricName,
        AlarmActions: [{ Ref: Match.stringLikeRegexp('AlarmsTopic') }],
      });
    });
  });
});
