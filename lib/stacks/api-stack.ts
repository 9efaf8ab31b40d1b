// The front door of a stage: the Cognito user pool and its managed login, the HTTP API, and the
// web app served by CloudFront with the API under /api/* on the same origin. One stack, because
// the app client's callback URLs name the CloudFront URL and the distribution routes to the API.
import { Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { regionalArn } from '../arns.ts';
import { resourceNames } from '../config/resource-names.ts';
import type { StageConfig } from '../config/stage-config.ts';
import { ProjectHttpApi } from '../api/http-api.ts';
import { UserDirectory } from '../api/user-directory.ts';
import { webAssetsFrom } from '../web/web-assets.ts';
import type { WebAssets } from '../web/web-assets.ts';
import { WebHosting, apiPathPrefix, webRuntimeConfig } from '../web/web-hosting.ts';

interface RoutedHandler {
  name: string;
  routes: readonly string[];
}

interface ApiStackProps extends StackProps {
  config: StageConfig;
  /** Catalogue name of the function behind the API's default route (trigger 'http-api', no httpRoutes). */
  handlerName: string;
  /** Catalogue functions that serve named routes ("METHOD /path") instead of the default one. */
  routedHandlers?: readonly RoutedHandler[];
  /** The web app's build; defaults to web/dist, or a placeholder page when it is not built. */
  webAssets?: WebAssets;
}

class ApiStack extends Stack {
  readonly users: UserDirectory;
  readonly httpApi: ProjectHttpApi;
  readonly web: WebHosting;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.users = new UserDirectory(this, 'Users', { config });
    const functionNamed = (id: string, name: string) =>
      LambdaFunction.fromFunctionAttributes(this, id, {
        functionArn: regionalArn('lambda', `function:${resourceNames(config).function(name)}`),
        // Same account and region: lets the integration add API Gateway's invoke permission.
        sameEnvironment: true,
      });
    this.httpApi = new ProjectHttpApi(this, 'Http', {
      config,
      handler: functionNamed('Handler', props.handlerName),
      routedHandlers: (props.routedHandlers ?? []).map(({ name, routes }) => ({ name, routes, handler: functionNamed(`Handler-${name}`, name) })),
      userPool: this.users.userPool,
      userPoolClient: this.users.client,
    });
    this.web = new WebHosting(this, 'Web', {
      config,
      api: this.httpApi.api,
      assets: props.webAssets ?? webAssetsFrom(),
      signInOrigin: this.users.signInOrigin,
      runtimeConfig: webRuntimeConfig(
        {
          authority: this.users.userPool.userPoolProviderUrl,
          clientId: this.users.client.userPoolClientId,
          signInOrigin: this.users.signInOrigin,
          callbackPath: config.signIn.appCallbackPath,
        },
        apiPathPrefix,
      ),
    });
    this.users.addAppOrigin(this.web.distributionOrigin);
  }
}

export { ApiStack };
export type { ApiStackProps, RoutedHandler };
