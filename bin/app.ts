// CDK entry: `cdk synth|deploy -c stage=dev|prod [-c emailDomain=...] [-c appBaseUrl=...] [-c alarmEmail=...] [-c hostedZoneId=...]`.
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { stageConfig } from '../lib/config/stage-config.ts';
import { createDeployment } from '../lib/deployment.ts';

const app = new App();
const context = (key: string): unknown => app.node.tryGetContext(key);
const hostedZoneId = context('hostedZoneId');

// Environment-agnostic stacks: account and region come from the CLI's credentials at deploy time.
createDeployment(app, {
  config: stageConfig({
    stage: context('stage'),
    emailDomain: context('emailDomain'),
    appBaseUrl: context('appBaseUrl'),
    alarmEmail: context('alarmEmail'),
  }),
  hostedZoneId: typeof hostedZoneId === 'string' ? hostedZoneId : undefined,
});
// Synth stops on any AwsSolutions finding that is not acknowledged with a reason.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
