// CDK entry: `cdk synth|deploy -c stage=dev|prod`. Each stage's settings (emailDomain, appBaseUrl,
// alarmEmail, cliCallbackPort, authDomainPrefix, hostedZoneId) live in cdk.json under
// "stages"."<stage>"; `-c key=value` overrides one for a single command.
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { stageConfig } from '../lib/config/stage-config.ts';
import { stageContextFrom } from '../lib/config/stage-context.ts';
import { createDeployment } from '../lib/deployment.ts';

const app = new App();
const { hostedZoneId, ...context } = stageContextFrom((key) => app.node.tryGetContext(key));

// Environment-agnostic stacks: account and region come from the CLI's credentials at deploy time.
createDeployment(app, {
  config: stageConfig(context),
  hostedZoneId: typeof hostedZoneId === 'string' ? hostedZoneId : undefined,
});
// Synth stops on any AwsSolutions finding that is not acknowledged with a reason.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
