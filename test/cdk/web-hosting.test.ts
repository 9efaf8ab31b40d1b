// Issue 8, the AWS side of the web app: private bucket behind CloudFront (OAC), the API on the same
// origin, security headers, and a Cognito client that allows the code flow only, with the stage's URLs.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Match } from 'aws-cdk-lib/assertions';
import { CachePolicy, OriginRequestPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { webAssetsFrom } from '../../lib/web/web-assets.ts';
import { singlePageApp, stripApiPrefix } from '../../lib/web/web-hosting.ts';
import { synthDeployment } from './synth-deployment.ts';
import type { SynthesizedDeployment } from './synth-deployment.ts';

type Request = { uri: string };
/** Runs a CloudFront Function's source as CloudFront does: `handler(event)` returns the request. */
const runViewerRequest = (code: string, uri: string): string =>
  (new Function(`${code}; return handler;`)() as (event: { request: Request }) => Request)({ request: { uri } }).uri;

describe('Web app hosting and sign-in', () => {
  let synthesized: SynthesizedDeployment;
  const resources = (type: string) => Object.entries(synthesized.templates.api.findResources(type));
  beforeAll(() => {
    synthesized = synthDeployment('dev');
  });

  describe('Bucket', () => {
    it('blocks all public access and is readable only by this distribution through origin access control', () => {
      // Prepare
      const [[bucketId, bucket]] = resources('AWS::S3::Bucket');
      const [[distributionId]] = resources('AWS::CloudFront::Distribution');
      const [[, policy]] = resources('AWS::S3::BucketPolicy').filter(([, candidate]) => JSON.stringify(candidate.Properties.Bucket).includes(bucketId));
      // Act
      const allows = (policy.Properties.PolicyDocument.Statement as { Effect: string; Principal: unknown; Condition?: unknown; Action: unknown }[])
        .filter((statement) => statement.Effect === 'Allow');
      const readers = allows.filter((statement) => JSON.stringify(statement.Action).includes('s3:GetObject'));
      // Assess
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true,
      });
      expect(readers).toHaveLength(1);
      expect(readers[0].Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
      expect(JSON.stringify(readers[0].Condition)).toContain(distributionId);
      // The only other allows are CDK's own deployment and clean-up functions, never a public principal.
      expect(allows.map((statement) => JSON.stringify(statement.Principal))).not.toContain('"*"');
      synthesized.templates.api.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
        OriginAccessControlConfig: Match.objectLike({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' }),
      });
    });

    it('deploys the web build, or the placeholder page when web/dist is not built', () => {
      // Prepare
      const built = mkdtempSync(path.join(tmpdir(), 'web-dist-'));
      writeFileSync(path.join(built, 'index.html'), '<!doctype html><title>app</title>');
      const empty = mkdtempSync(path.join(tmpdir(), 'web-empty-'));
      // Act
      const fromBuild = webAssetsFrom(built);
      const fromNothing = webAssetsFrom(empty);
      // Assess
      expect(fromBuild).toEqual({ directory: built, isPlaceholder: false });
      expect(fromNothing.isPlaceholder).toBe(true);
      expect(fromNothing.directory).toMatch(/lib\/web\/placeholder$/);
      synthesized.templates.api.resourceCountIs('Custom::CDKBucketDeployment', 1);
    });
  });

  describe('Distribution', () => {
    it('serves the bucket through OAC by default and the HTTP API under /api/*, uncached, all methods, Authorization forwarded', () => {
      // Prepare
      const [[, distribution]] = resources('AWS::CloudFront::Distribution');
      const config = distribution.Properties.DistributionConfig;
      const [[apiId]] = resources('AWS::ApiGatewayV2::Api');
      // Act
      const apiBehaviour = config.CacheBehaviors.find((behaviour: { PathPattern: string }) => behaviour.PathPattern === '/api/*');
      const apiOrigin = config.Origins.find((origin: { Id: string }) => origin.Id === apiBehaviour.TargetOriginId);
      const s3Origin = config.Origins.find((origin: { Id: string }) => origin.Id === config.DefaultCacheBehavior.TargetOriginId);
      // Assess
      expect(config.CacheBehaviors).toHaveLength(1);
      expect(s3Origin.OriginAccessControlId).toBeDefined();
      expect(s3Origin.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
      expect(JSON.stringify(apiOrigin.DomainName)).toContain(apiId);
      expect(apiOrigin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
      expect(apiBehaviour).toMatchObject({
        AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
        CachePolicyId: CachePolicy.CACHING_DISABLED.cachePolicyId,
        OriginRequestPolicyId: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId,
        ViewerProtocolPolicy: 'https-only',
      });
      expect(apiBehaviour.ResponseHeadersPolicyId).toEqual(config.DefaultCacheBehavior.ResponseHeadersPolicyId);
    });

    it.each([
      ['/api/cycles/c-1', '/cycles/c-1'],
      ['/api', '/'],
      ['/api/', '/'],
      ['/apiary', '/apiary'],
    ])('hands the API %s as %s', (uri, expected) => {
      // Act
      const forwarded = runViewerRequest(stripApiPrefix, uri);
      // Assess
      expect(forwarded).toBe(expected);
    });

    it.each([
      ['/cycles/2026-autumn--hill-ward', '/index.html'],
      ['/', '/index.html'],
      ['/assets/app.3f2a.js', '/assets/app.3f2a.js'],
      ['/config.json', '/config.json'],
    ])('answers the page path %s from %s', (uri, expected) => {
      // Act
      const served = runViewerRequest(singlePageApp, uri);
      // Assess
      expect(served).toBe(expected);
    });

    it('sets a CSP without inline scripts and with frame-ancestors none, HSTS and nosniff', () => {
      // Prepare
      const [[, policy]] = resources('AWS::CloudFront::ResponseHeadersPolicy');
      const headers = policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
      // Act
      const csp = JSON.stringify(headers.ContentSecurityPolicy.ContentSecurityPolicy);
      const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
      // Assess
      expect(scriptSrc).toBe("'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'self'");
      expect(headers.StrictTransportSecurity).toMatchObject({ AccessControlMaxAgeSec: 63_072_000, IncludeSubdomains: true, Override: true });
      expect(headers.ContentTypeOptions).toEqual({ Override: true });
      expect(headers.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    });

    it('needs no CORS: the API has none, so no other origin may call it from a browser', () => {
      // Act
      const [[, api]] = resources('AWS::ApiGatewayV2::Api');
      // Assess
      expect(api.Properties.CorsConfiguration).toBeUndefined();
    });
  });

  describe('Cognito', () => {
    it('allows the authorisation code flow only: no implicit flow, no client secret, no password or SRP sign-in', () => {
      // Assess
      synthesized.templates.api.hasResourceProperties('AWS::Cognito::UserPoolClient', {
        AllowedOAuthFlows: ['code'],
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthScopes: ['openid', 'email', 'profile'],
        GenerateSecret: false,
        ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
        SupportedIdentityProviders: ['COGNITO'],
      });
    });

    it('sends users back only to the stage\'s app URL, the CloudFront URL and the CLI\'s loopback', () => {
      // Prepare
      const [[, client]] = resources('AWS::Cognito::UserPoolClient');
      const [[distributionId]] = resources('AWS::CloudFront::Distribution');
      // Act
      const callbacks = client.Properties.CallbackURLs as unknown[];
      const logouts = client.Properties.LogoutURLs as unknown[];
      // Assess
      expect(callbacks).toHaveLength(3);
      expect(callbacks).toEqual(expect.arrayContaining([`${synthesized.config.appBaseUrl}/auth/callback`, 'http://localhost:8976/callback']));
      expect(JSON.stringify(callbacks)).toContain(distributionId);
      expect(JSON.stringify(callbacks)).not.toContain('example.com');
      expect(logouts).toEqual(expect.arrayContaining([`${synthesized.config.appBaseUrl}/`, 'http://localhost:8976/']));
    });

    it('lets the ID token carry the claims the API authorises on', () => {
      // Prepare
      const [[, client]] = resources('AWS::Cognito::UserPoolClient');
      // Assess
      expect(client.Properties.ReadAttributes).toEqual(expect.arrayContaining(['custom:organisationId', 'custom:reviewerId', 'email']));
      expect(client.Properties.WriteAttributes).not.toEqual(expect.arrayContaining(['custom:organisationId']));
    });

    it('has a managed login domain with its style', () => {
      // Assess
      synthesized.templates.api.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: synthesized.config.signIn.domainPrefix, ManagedLoginVersion: 2 });
      synthesized.templates.api.hasResourceProperties('AWS::Cognito::ManagedLoginBranding', { UseCognitoProvidedValues: true });
    });
  });
});
