// Builds one stage's stacks for the assertion tests. Bundling is skipped (the bundle-size test
// covers it), and a catalogue entry whose handler file does not exist yet is built from a
// placeholder so the rest of the deployment can still be asserted on.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { stageConfig } from '../../lib/config/stage-config.ts';
import type { StageConfig } from '../../lib/config/stage-config.ts';
import { createDeployment } from '../../lib/deployment.ts';
import type { Deployment, DeploymentProps } from '../../lib/deployment.ts';
import { handlerEntryFor } from '../../lib/project-paths.ts';

const placeholderEntry = fileURLToPath(new URL('./fixtures/placeholder-handler.ts', import.meta.url));

const entryOrPlaceholder: NonNullable<DeploymentProps['entryFor']> = (spec) => {
  const entry = handlerEntryFor(spec.name);
  return existsSync(entry) ? entry : placeholderEntry;
};

interface SynthesizedDeployment {
  app: App;
  config: StageConfig;
  deployment: Deployment;
  templates: {
    data: Template;
    notifications: Template;
    workflow: Template;
    api: Template;
    monitoring: Template;
  };
}

const synthDeployment = (
  stage: 'dev' | 'prod',
  overrides: Partial<Omit<DeploymentProps, 'config'>> = {},
): SynthesizedDeployment => {
  // As cdk.json: a template CloudFormation's own validation finds fault with fails synthesis, not a warning.
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [], '@aws-cdk/core:validateAgainstDefaultRules': true } });
  const config = stageConfig({ stage, emailDomain: 'reviews.example.org', appBaseUrl: 'https://reviews.example.org', alarmEmail: 'ops@example.org' });
  const deployment = createDeployment(app, { config, entryFor: entryOrPlaceholder, ...overrides });
  if (deployment.api === undefined) throw new Error('The catalogue has no http-api function');
  return {
    app,
    config,
    deployment,
    templates: {
      data: Template.fromStack(deployment.data),
      notifications: Template.fromStack(deployment.notifications),
      workflow: Template.fromStack(deployment.workflow),
      api: Template.fromStack(deployment.api),
      monitoring: Template.fromStack(deployment.monitoring),
    },
  };
};

export { synthDeployment, placeholderEntry, entryOrPlaceholder };
export type { SynthesizedDeployment };
