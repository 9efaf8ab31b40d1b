// The five stacks of one stage. bin/app.ts and the CDK tests both build the app through here.
import { Tags } from 'aws-cdk-lib';
import type { App, Environment } from 'aws-cdk-lib';
import { functionCatalogue } from '#contracts/function-catalogue';
import type { FunctionSpec } from '#contracts/function-catalogue';
import { resourceNames } from './config/resource-names.ts';
import type { StageConfig } from './config/stage-config.ts';
import { ConfigurationError } from './errors.ts';
import type { EntryResolver } from './functions/function-set.ts';
import { emailSenderFor } from './notifications/email-sending.ts';
import { loadEmailTemplates } from './notifications/email-templates.ts';
import type { EmailTemplateSource } from './notifications/email-templates.ts';
import { ApiStack } from './stacks/api-stack.ts';
import type { RoutedHandler } from './stacks/api-stack.ts';
import { DataStack } from './stacks/data-stack.ts';
import { MonitoringStack } from './stacks/monitoring-stack.ts';
import { NotificationsStack } from './stacks/notifications-stack.ts';
import { WorkflowStack } from './stacks/workflow-stack.ts';
import { listAslFiles } from './workflow/asl-files.ts';
import type { AslFile } from './workflow/asl-files.ts';

interface DeploymentProps {
  config: StageConfig;
  env?: Environment;
  /** Defaults to contracts/function-catalogue.ts, statemachines/*.asl.json and emails/*.json. */
  catalogue?: readonly FunctionSpec[];
  aslFiles?: readonly AslFile[];
  templates?: readonly EmailTemplateSource[];
  entryFor?: EntryResolver;
  hostedZoneId?: string;
}

interface Deployment {
  data: DataStack;
  notifications: NotificationsStack;
  workflow: WorkflowStack;
  api?: ApiStack;
  monitoring: MonitoringStack;
}

/** The catalogue function that reports TasksDue once a day. */
const reminderSweepFunction = 'reminder-sweep';

const stackIdFor = (config: StageConfig, part: string): string => `Accredit-${config.stage}-${part}`;

/** The API's default function (no httpRoutes) and the functions that serve named routes. */
const apiFunctionsOf = (catalogue: readonly FunctionSpec[]): { handlerName: string; routedHandlers: RoutedHandler[] } | undefined => {
  const apiFunctions = catalogue.filter((spec) => spec.trigger === 'http-api');
  const defaults = apiFunctions.filter((spec) => spec.httpRoutes === undefined);
  if (defaults.length > 1) {
    throw new ConfigurationError(`One function serves the HTTP API's default route; the catalogue has ${defaults.map((spec) => spec.name).join(', ')}`);
  }
  if (defaults.length === 0) return undefined;
  const routedHandlers = apiFunctions.flatMap((spec) => (spec.httpRoutes ? [{ name: spec.name, routes: spec.httpRoutes }] : []));
  return { handlerName: defaults[0].name, routedHandlers };
};

const createDeployment = (app: App, props: DeploymentProps): Deployment => {
  const { config, env } = props;
  const catalogue = props.catalogue ?? functionCatalogue;
  const aslFiles = props.aslFiles ?? listAslFiles();
  const templates = props.templates ?? loadEmailTemplates();
  const names = resourceNames(config);

  const data = new DataStack(app, stackIdFor(config, 'Data'), { env, config, description: 'Accreditation cycles: single DynamoDB table and the evidence bucket' });
  const notifications = new NotificationsStack(app, stackIdFor(config, 'Notifications'), {
    env, config, templates, hostedZoneId: props.hostedZoneId, description: 'Accreditation cycles: SES identity, configuration set, templates',
  });
  const workflow = new WorkflowStack(app, stackIdFor(config, 'Workflow'), {
    env, config, catalogue, aslFiles, emailSender: emailSenderFor(config, templates), entryFor: props.entryFor,
    description: 'Accreditation cycles: Lambda functions, state machines, schedules',
  });
  workflow.addStackDependency(data, 'functions use the table and the evidence bucket by name');
  workflow.addStackDependency(notifications, 'functions send through the configuration set and templates by name');

  const apiFunctions = apiFunctionsOf(catalogue);
  const api = apiFunctions === undefined ? undefined : new ApiStack(app, stackIdFor(config, 'Api'), {
    env, config, ...apiFunctions, description: 'Accreditation cycles: Cognito sign-in, HTTP API and the web app (CloudFront, S3)',
  });
  api?.addStackDependency(workflow, 'the API integrates the http-api function by name');

  const monitoring = new MonitoringStack(app, stackIdFor(config, 'Monitoring'), {
    env,
    config,
    functionNames: catalogue.map((spec) => names.function(spec.name)),
    stateMachineNames: aslFiles.map((asl) => names.stateMachine(asl.name)),
    hasApi: api !== undefined,
    hasReminderSweep: catalogue.some((spec) => spec.name === reminderSweepFunction),
    description: 'Accreditation cycles: dashboard and alarms',
  });
  monitoring.addStackDependency(workflow, 'alarms watch the functions and state machines by name');

  Tags.of(app).add('project', 'accreditation-cycle');
  Tags.of(app).add('stage', config.stage);
  return { data, notifications, workflow, api, monitoring };
};

export { createDeployment, stackIdFor };
export type { Deployment, DeploymentProps };
