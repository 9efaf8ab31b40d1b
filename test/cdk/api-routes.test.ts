// The HTTP API sends the catalogue's named routes (network set-up) to their own function, each
// behind the same Cognito authorizer as the default route; everything else goes to http-api.
import { beforeAll, describe, expect, it } from 'vitest';
import { functionCatalogue } from '#contracts/function-catalogue';
import { synthDeployment } from './synth-deployment.ts';
import type { SynthesizedDeployment } from './synth-deployment.ts';

const routedSpecs = functionCatalogue.flatMap((spec) => ('httpRoutes' in spec ? [spec] : []));

describe('CDK: HTTP API routes', () => {
  let synthesized: SynthesizedDeployment;

  beforeAll(() => {
    synthesized = synthDeployment('dev');
  });

  it('has a default route and one route per catalogue httpRoutes entry, all behind the Cognito authorizer', () => {
    // Act
    const routes = Object.values(synthesized.templates.api.findResources('AWS::ApiGatewayV2::Route')).map((route) => route.Properties);
    const expected = routedSpecs.flatMap((spec) => spec.httpRoutes);

    // Assess
    expect(expected).toContain('PUT /networks/{networkId}');
    expect(routes.map((route) => route.RouteKey).sort()).toEqual(['$default', ...expected].sort());
    for (const route of routes) expect(route.AuthorizationType).toBe('JWT');
  });

  it('integrates the named routes with their functions (network set-up, the reviewer invitation), and the default route with http-api', () => {
    // Act
    const integrations = Object.values(synthesized.templates.api.findResources('AWS::ApiGatewayV2::Integration')).map((integration) =>
      JSON.stringify(integration.Properties.IntegrationUri),
    );

    // Assess
    expect(integrations).toHaveLength(routedSpecs.length + 1);
    const permissions = Object.values(synthesized.templates.api.findResources('AWS::Lambda::Permission')).map((permission) => JSON.stringify(permission.Properties.FunctionName));
    for (const name of ['network-setup', 'reviewer-invitation']) {
      expect(integrations.some((uri) => uri.includes(`function:${synthesized.config.prefix}-${name}`))).toBe(true);
      expect(permissions.some((permission) => permission.includes(`function:${synthesized.config.prefix}-${name}`))).toBe(true);
    }
    expect(integrations.some((uri) => uri.includes(`function:${synthesized.config.prefix}-http-api`))).toBe(true);
  });
});
