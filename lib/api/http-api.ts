// The HTTP API: every route needs a valid Cognito token and goes to the http-api function, but for
// the routes the catalogue gives another function (httpRoutes: network set-up, with its parsers).
import { CfnOutput } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config.ts';

interface ProjectHttpApiProps {
  config: StageConfig;
  handler: IFunction;
  /** Functions for named routes ("METHOD /path/{param}"), each route with the default authorizer. */
  routedHandlers?: readonly { name: string; routes: readonly string[]; handler: IFunction }[];
  userPool: IUserPool;
  userPoolClient: IUserPoolClient;
}

class ProjectHttpApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;

  constructor(scope: Construct, id: string, props: ProjectHttpApiProps) {
    super(scope, id);
    const { config } = props;
    const authorizer = new HttpUserPoolAuthorizer('CognitoAuthorizer', props.userPool, {
      userPoolClients: [props.userPoolClient],
    });
    this.api = new HttpApi(this, 'Api', {
      apiName: `${config.prefix}-api`,
      description: 'Accreditation-cycle API for network staff, services, reviewers and committee members',
      createDefaultStage: false,
      defaultIntegration: new HttpLambdaIntegration('Handler', props.handler),
      defaultAuthorizer: authorizer,
    });
    for (const routed of props.routedHandlers ?? []) {
      const integration = new HttpLambdaIntegration(`Handler-${routed.name}`, routed.handler);
      for (const routeKey of routed.routes) {
        const [method, path] = routeKey.split(' ');
        this.api.addRoutes({ path, methods: [method as HttpMethod], integration });
      }
    }
    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      logGroupName: `/aws/http-api/${config.prefix}-api`,
      retention: config.logRetention,
      removalPolicy: config.removalPolicy,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: config.apiThrottle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        // Caller identity is the Cognito subject, never the token; no request bodies are logged.
        format: AccessLogFormat.custom(JSON.stringify({
          requestId: '$context.requestId',
          time: '$context.requestTime',
          method: '$context.httpMethod',
          path: '$context.path',
          status: '$context.status',
          latencyMs: '$context.responseLatency',
          subject: '$context.authorizer.claims.sub',
          integrationError: '$context.integrationErrorMessage',
        })),
      },
    });
    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint, description: 'Base URL of the HTTP API' });
  }
}

export { ProjectHttpApi };
export type { ProjectHttpApiProps };
