// One Lambda function of the catalogue: bundled like every other, with its own role and log
// group so its permissions and its logs' retention are exactly what this stack says.
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { FunctionSpec } from '#contracts/function-catalogue';
import type { StageConfig } from '../config/stage-config.ts';
import { resourceNames } from '../config/resource-names.ts';
import { acknowledge } from '../nag.ts';
import { EnvVar } from '#contracts/environment';
import { projectPaths } from '../project-paths.ts';
import { bundlingSettings, lambdaArchitecture, lambdaRuntime, nodejsBundlingOptions } from './bundling.ts';

interface ProjectFunctionProps {
  spec: FunctionSpec;
  entry: string;
  config: StageConfig;
  memorySize?: number;
}

class ProjectFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly spec: FunctionSpec;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: ProjectFunctionProps) {
    super(scope, id);
    const { spec, entry, config } = props;
    this.spec = spec;
    const functionName = resourceNames(config).function(spec.name);
    this.logGroup = new LogGroup(this, 'Logs', {
      logGroupName: `/aws/lambda/${functionName}`,
      retention: config.logRetention,
      removalPolicy: config.removalPolicy,
    });
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${functionName}: ${spec.description}`.slice(0, 1000),
    });
    // Instead of AWSLambdaBasicExecutionRole (logs on every log group): this function's group only.
    role.addToPrincipalPolicy(new PolicyStatement({
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [this.logGroup.logGroupArn],
    }));
    this.fn = new NodejsFunction(this, 'Function', {
      functionName,
      description: spec.description,
      entry,
      handler: 'handler',
      runtime: lambdaRuntime,
      architecture: lambdaArchitecture,
      memorySize: props.memorySize ?? 512,
      timeout: config.lambdaTimeout,
      role,
      logGroup: this.logGroup,
      tracing: Tracing.ACTIVE,
      projectRoot: projectPaths.root,
      depsLockFilePath: projectPaths.lockFile,
      bundling: nodejsBundlingOptions(),
      environment: {
        POWERTOOLS_SERVICE_NAME: config.powertools.serviceName,
        POWERTOOLS_LOG_LEVEL: config.powertools.logLevel,
        [EnvVar.metricsNamespace]: config.powertools.metricsNamespace,
        POWERTOOLS_METRICS_FUNCTION_NAME: functionName,
        STAGE: config.stage,
        // Stack traces in the logs point at the TypeScript sources, through the bundled map.
        ...(bundlingSettings.sourceMap ? { NODE_OPTIONS: '--enable-source-maps' } : {}),
      },
    });
    this.acknowledgeUnavoidableWildcards(role);
    acknowledge(this.fn, 'AwsSolutions-L1',
      'Pinned to Node.js 22, the major the handlers run and are tested on locally (package.json node devDependency); moved with that pin, not ahead of it.');
  }

  private acknowledgeUnavoidableWildcards(role: Role): void {
    acknowledge(role, 'AwsSolutions-IAM5[Resource::*]',
      'X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions; Resource "*" is the only valid value.');
  }
}

export { ProjectFunction };
export type { ProjectFunctionProps };
