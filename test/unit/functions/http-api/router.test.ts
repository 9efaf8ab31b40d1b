import '../../../support/function-env.ts';
import { describe, expect, it } from 'vitest';
import { handler } from '../../../../functions/http-api/handler.ts';
import { createRouter } from '../../../../functions/http-api/router.ts';
import type { HttpApiEvent } from '../../../../functions/http-api/http.ts';
import { buildHttpApiEvent } from '../../../../local/http-api-event.ts';
import { lambdaContext } from '../../../../local/lambda-context.ts';

const echoRoutes = [
  {
    method: 'GET',
    path: '/cycles/{cycleId}/tasks/{stage}',
    handle: async (_event: HttpApiEvent, params: Record<string, string>) => ({ statusCode: 200, body: JSON.stringify(params) }),
  },
];

describe('Function: http-api router', () => {
  it.each([
    { url: '/cycles/%E0%A4%A/tasks/self-review', field: 'cycleId' },
    { url: '/cycles/abc/tasks/%', field: 'stage' },
    { url: '/cycles/%zz/tasks/self-review', field: 'cycleId' },
  ])('answers 400 naming $field for the malformed escape in $url (issue 12, defect 8)', async ({ url, field }) => {
    // Prepare
    const event = buildHttpApiEvent({ method: 'GET', url });

    // Act
    const result = await handler(event, lambdaContext('http-api'));

    // Assess
    expect(result.statusCode).toBe(400);
    const body = JSON.parse(result.body ?? 'null') as { message: string; issues: { field: string }[] };
    expect(body.issues.map((issue) => issue.field)).toEqual([field]);
    expect(body.message).toContain(field);
  });

  it('decodes well-formed escapes before the route sees them', async () => {
    // Prepare
    const route = createRouter(echoRoutes);

    // Act
    const result = await route(buildHttpApiEvent({ method: 'GET', url: '/cycles/2026%2Dautumn--ward/tasks/self%2Dreview' }));

    // Assess
    expect(JSON.parse(result.body ?? 'null')).toEqual({ cycleId: '2026-autumn--ward', stage: 'self-review' });
  });
});
