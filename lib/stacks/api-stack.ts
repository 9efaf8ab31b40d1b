import { Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { regionalArn } from '../arns.ts';
import { resourceNames } from '../config/resource-names.ts';
import type { StageConfig } from '../config/stage-config.ts';
import { ProjectHttpApi } from '../api/http-api.ts';
import { UserDirectory } from '../api/user-directory.ts';

interface ApiStackProps extends StackProps {
  config: StageConfig;
  /** Catalogue name of the function behind the API (trigger 'http-api'). */
  handlerName: string;
}

class ApiStack extends Stack {
  readonly users: UserDirectory;
  readonly httpApi: ProjectHttpApi;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.users = new UserDirectory(this, 'Users', { config });
    const handler = LambdaFunction.fromFunctionAttributes(this, 'Handler', {
      functionArn: regionalArn('lambda', `function:${resourceNames(config).function(props.handlerName)}`),
      // Same account and region: lets the integration add API Gateway's invoke permission.
      sameEnvironment: true,
    });
    this.httpApi = new ProjectHttpApi(this, 'Http', {
      config,
      handler,
      userPool: this.users.userPool,
      userPoolClient: this.users.client,
    });
  }
}

export { ApiStack };
export type { ApiStackProps };
