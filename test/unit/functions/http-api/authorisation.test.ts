import '../../../support/function-env.ts';
import { describe, expect, it } from 'vitest';
import { policyFor } from '../../../../functions/http-api/authorisation.ts';
import { callerOf, groupsClaim } from '../../../../functions/http-api/caller.ts';
import { buildHttpApiEvent, localClaims } from '../../../../local/http-api-event.ts';

describe('Function: groupsClaim', () => {
  it.each([
    ['API Gateway list string', '[staff reviewer]', ['staff', 'reviewer']],
    ['a single group', 'service', ['service']],
    ['an array (ID token)', ['committee', 'staff'], ['committee', 'staff']],
    ['unknown groups dropped', '[admins service]', ['service']],
    ['no claim', undefined, []],
  ])('reads %s', (_label, claim, groups) => {
    // Act
    const read = groupsClaim(claim as never);
    // Assess
    expect(read).toEqual(groups);
  });
});

describe('Function: callerOf', () => {
  it.each([
    [undefined, { groups: ['staff'], organisationId: undefined, reviewerId: undefined }],
    ['service:trust-a', { groups: ['service'], organisationId: 'trust-a', reviewerId: undefined }],
    ['reviewer:trust-b:rev-7', { groups: ['reviewer'], organisationId: 'trust-b', reviewerId: 'rev-7' }],
  ])('reads the local adapter claims of x-local-user %s', (header, expected) => {
    // Prepare
    const event = buildHttpApiEvent({ method: 'GET', url: '/cycles', headers: header ? { 'x-local-user': header } : {} });
    // Act
    const caller = callerOf(event);
    // Assess
    expect({ groups: [...caller.groups], organisationId: caller.organisationId, reviewerId: caller.reviewerId }).toEqual(expected);
  });

  it('answers 401 when the request carries no verified identity', () => {
    // Prepare
    const event = buildHttpApiEvent({ method: 'GET', url: '/cycles' });
    const anonymous = { ...event, requestContext: { ...event.requestContext, authorizer: undefined } };
    // Act
    const read = () => callerOf(anonymous as never);
    // Assess
    expect(read).toThrow(expect.objectContaining({ statusCode: 401 }));
  });

  it('gives the local claims the shape Cognito gives them', () => {
    // Assess
    expect(localClaims('service:trust-a')).toEqual({ sub: 'local-service-trust-a', 'cognito:groups': '[service]', 'custom:organisationId': 'trust-a' });
  });
});

describe('Function: policyFor', () => {
  it('closes a route with no policy to everyone but staff', async () => {
    // Prepare
    const policy = policyFor({ method: 'POST', path: '/cycles/{cycleId}/withdraw' });
    const service = callerOf(buildHttpApiEvent({ method: 'POST', url: '/', headers: { 'x-local-user': 'service:trust-a' } }));
    const staff = callerOf(buildHttpApiEvent({ method: 'POST', url: '/' }));
    // Act
    const refused = policy.check(service, {});
    // Assess
    await expect(refused).rejects.toMatchObject({ statusCode: 403 });
    await expect(policy.check(staff, {})).resolves.toBeUndefined();
  });
});

describe('Function: policyFor an invitation answer', () => {
  const callerAs = (user?: string) => callerOf(buildHttpApiEvent({ method: 'POST', url: '/', headers: user ? { 'x-local-user': user } : {} }));

  it.each([
    ['the invited reviewer', 'reviewer:org-b:rev-7', undefined],
    ['staff on their behalf', undefined, undefined],
    ['another reviewer', 'reviewer:org-b:rev-8', { rule: 'invited-reviewer' }],
    ['a reviewer without the reviewer id claim', 'reviewer:org-b', { claim: 'custom:reviewerId' }],
    ['a service user', 'service:org-a', { group: ['staff', 'reviewer'] }],
  ])('%s answering rev-7\'s invitation: refused for %j', async (_label, user, missing) => {
    // Prepare
    const policy = policyFor({ method: 'POST', path: '/cycles/{cycleId}/reviewers/{reviewerId}/accept' });
    // Act
    const outcome = await policy.check(callerAs(user), { cycleId: 'c-1', reviewerId: 'rev-7' }).then(
      () => 'allowed',
      (error: { statusCode: number; message: string }) => ({ statusCode: error.statusCode, missing: (JSON.parse(error.message) as { missing: unknown }).missing }),
    );
    // Assess
    expect(outcome).toEqual(missing ? { statusCode: 403, missing } : 'allowed');
  });

  it.each([
    ['the invited reviewer', 'reviewer:org-b:rev-7', undefined],
    ['staff', undefined, undefined],
    ['another reviewer on the team', 'reviewer:org-b:rev-8', { rule: 'invited-reviewer' }],
    ['a service user', 'service:org-a', { group: ['staff', 'reviewer'] }],
  ])('%s reading rev-7\'s invitation (the page the email links to): refused for %j', async (_label, user, missing) => {
    // Prepare
    const policy = policyFor({ method: 'GET', path: '/cycles/{cycleId}/reviewers/{reviewerId}/invitation' });
    // Act
    const outcome = await policy.check(callerAs(user), { cycleId: 'c-1', reviewerId: 'rev-7' }).then(
      () => 'allowed',
      (error: { statusCode: number; message: string }) => ({ statusCode: error.statusCode, missing: (JSON.parse(error.message) as { missing: unknown }).missing }),
    );
    // Assess
    expect(outcome).toEqual(missing ? { statusCode: 403, missing } : 'allowed');
  });
});
