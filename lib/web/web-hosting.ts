// The web app on AWS: its static build in a private S3 bucket that only CloudFront can read
// (origin access control), and the HTTP API on the same origin under /api/*, so the browser makes
// no cross-origin call and the API needs no CORS. CloudFront adds the security headers to both.
import { Aws, CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { CfnElement } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods, CachePolicy, Distribution, Function as CloudFrontFunction, FunctionCode, FunctionEventType, FunctionRuntime, HttpVersion,
  OriginProtocolPolicy, OriginRequestPolicy, OriginSslPolicy, PriceClass, ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config.ts';
import { acknowledge } from '../nag.ts';
import { securityHeadersPolicy } from './security-headers.ts';
import type { WebAssets } from './web-assets.ts';

/**
 * What the app reads at start-up (/config.json), so one build serves every stage. Its shape is the
 * web app's (web/src/config.ts parses it; test/unit/web/deployed-config.test.ts checks the two agree).
 */
interface WebRuntimeConfig {
  apiBase: string;
  auth: {
    kind: 'oidc';
    /** OIDC issuer: the user pool. */
    authority: string;
    clientId: string;
    /** Managed login's origin (authorize, token and logout endpoints). */
    signInOrigin: string;
    /** Joined to the page's own origin: the app is reached through CloudFront or the stage's app URL. */
    redirectPath: string;
    scope: string;
    /** Which token goes in `Authorization: Bearer`: the ID token carries the claims the API reads. */
    apiToken: 'id_token';
  };
}

interface WebSignIn {
  authority: string;
  clientId: string;
  signInOrigin: string;
  callbackPath: string;
}

const webRuntimeConfig = ({ authority, clientId, signInOrigin, callbackPath }: WebSignIn, apiBase: string): WebRuntimeConfig => ({
  apiBase,
  auth: { kind: 'oidc', authority, clientId, signInOrigin, redirectPath: callbackPath, scope: 'openid email profile', apiToken: 'id_token' },
});

interface WebHostingProps {
  config: StageConfig;
  api: HttpApi;
  assets: WebAssets;
  runtimeConfig: WebRuntimeConfig;
  signInOrigin: string;
}

/** Where the API is reached on the app's origin. */
const apiPathPrefix = '/api';

// CloudFront Functions (JS 2.0): the API sees the same paths as when it is called directly, and
// any page path of the single-page app is answered with index.html (an errorResponses rule would
// also turn the API's own 403s and 404s into the page).
const stripApiPrefix = `function handler(event) {
  var request = event.request;
  request.uri = request.uri.replace(/^\\${apiPathPrefix}(?=\\/|$)/, '') || '/';
  return request;
}`;
const singlePageApp = `function handler(event) {
  var request = event.request;
  if (request.uri.split('/').pop().indexOf('.') === -1) request.uri = '/index.html';
  return request;
}`;

class WebHosting extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  /** `https://<id>.cloudfront.net` */
  readonly distributionOrigin: string;

  constructor(scope: Construct, id: string, props: WebHostingProps) {
    super(scope, id);
    const { config } = props;
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // The build is redeployed from the repository; nothing in the bucket is kept elsewhere only.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });
    const headers = securityHeadersPolicy(this, 'SecurityHeaders', { name: `${config.prefix}-security-headers`, signInOrigin: props.signInOrigin });
    const viewerRequest = (name: string, code: string) => [{
      eventType: FunctionEventType.VIEWER_REQUEST,
      function: new CloudFrontFunction(this, name, { code: FunctionCode.fromInline(code), runtime: FunctionRuntime.JS_2_0 }),
    }];
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Accreditation cycles web app and API (${config.stage})`,
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Users are in the UK: Europe and North America edges are enough and cost least.
      priceClass: PriceClass.PRICE_CLASS_100,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        functionAssociations: viewerRequest('SinglePageApp', singlePageApp),
      },
      additionalBehaviors: {
        [`${apiPathPrefix}/*`]: {
          origin: new HttpOrigin(`${props.api.apiId}.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`, {
            protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
            originSslProtocols: [OriginSslPolicy.TLS_V1_2],
            readTimeout: Duration.seconds(30),
          }),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          // Answers depend on the caller: never cached. With caching disabled the AllViewer
          // policies forward Authorization (CloudFront knowledge centre, "forward the Authorization header").
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: headers,
          functionAssociations: viewerRequest('StripApiPrefix', stripApiPrefix),
        },
      },
    });
    this.distributionOrigin = `https://${this.distribution.distributionDomainName}`;
    const deployment = new BucketDeployment(this, 'Deploy', {
      sources: [Source.asset(props.assets.directory), Source.jsonData('config.json', props.runtimeConfig)],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
    });
    new CfnOutput(this, 'AppUrl', { value: this.distributionOrigin, description: 'The web app (and the API under /api/)' });
    this.acknowledgeFindings(deployment);
  }

  private acknowledgeFindings(deployment: BucketDeployment): void {
    // BucketDeployment's handler is one function per stack, a child of the stack, not of this construct.
    const copier = Stack.of(this).node.children.find((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'));
    const bucketArn = `<${Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnElement)}.Arn>`;
    const copyGrants = [
      'Action::s3:GetObject*', 'Action::s3:GetBucket*', 'Action::s3:List*', 'Action::s3:DeleteObject*', 'Action::s3:Abort*',
      'Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*', `Resource::${bucketArn}/*`, 'Resource::*',
    ];
    for (const scope of [deployment.handlerRole, ...(copier ? [copier] : [])]) {
      acknowledge(scope, 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        "CDK's BucketDeployment handler runs with AWSLambdaBasicExecutionRole (CloudWatch Logs only); it runs only while a deployment copies the build.");
      for (const grant of copyGrants) {
        acknowledge(scope, `AwsSolutions-IAM5[${grant}]`,
          "CDK's BucketDeployment reads the build from the CDK asset bucket, replaces this web bucket's objects and invalidates the distribution (CreateInvalidation has no resource-level permission); that copy is all it does.");
      }
      acknowledge(scope, 'AwsSolutions-L1', "CDK's BucketDeployment handler runtime is chosen by aws-cdk-lib and moves with its upgrades; it runs only during a deployment.");
    }
    const noPersonalData = 'The bucket holds the public static build of the web app only (no personal data); every request is logged where data lives: the API access log and the handlers\' logs.';
    acknowledge(this.bucket, 'AwsSolutions-S1', noPersonalData);
    acknowledge(this.distribution, 'AwsSolutions-CFR3', noPersonalData);
    acknowledge(this.distribution, 'AwsSolutions-CFR1', 'Reviewers and services may sign in from abroad (conferences, secondments); the API authorises every call with Cognito, so a country block adds no protection.');
    acknowledge(this.distribution, 'AwsSolutions-CFR2', 'AWS WAF costs a monthly web ACL fee plus per-rule fees for an app with hundreds of users; the API is throttled and every /api call needs a Cognito token.');
    acknowledge(this.distribution, 'AwsSolutions-CFR4', 'The default *.cloudfront.net certificate cannot set a minimum TLS version; a stage with its own domain and ACM certificate gets TLSv1.2_2021.');
  }
}

export { WebHosting, apiPathPrefix, singlePageApp, stripApiPrefix, webRuntimeConfig };
export type { WebHostingProps, WebRuntimeConfig };
