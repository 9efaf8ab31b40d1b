import '../../../support/function-env.ts';
import { describe, expect, it } from 'vitest';
import { handler } from '../../../../functions/http-api/handler.ts';
import { createRouter } from '../../../../functions/http-api/router.ts';
import { CalendarCoverageError } from '#core/errors';
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

  it.each([
    { field: 'dueOn' as string | undefined, named: 'dueOn' },
    { field: undefined, named: 'date' },
  ])('turns a date outside the calendar into a 400 naming $named and the covered years (issue 12, defect 5)', async ({ field, named }) => {
    // Prepare
    const route = createRouter([
      {
        method: 'POST',
        path: '/cycles/{cycleId}/tasks/{stage}',
        handle: async () => {
          throw new CalendarCoverageError(2031, 2024, 2030, { field });
        },
      },
    ]);

    // Act
    const refusal = (await route(buildHttpApiEvent({ method: 'POST', url: '/cycles/c-1/tasks/self-review' })).then(
      () => undefined,
      (error: unknown) => error,
    )) as { statusCode: number; message: string };

    // Assess
    expect(refusal.statusCode).toBe(400);
    const body = JSON.parse(refusal.message) as { error: string; message: string; issues: { field: string }[] };
    expect(body.error).toBe('DateOutsideCalendar');
    expect(body.issues.map((issue) => issue.field)).toEqual([named]);
    expect(body.message).toContain('2024–2030');
  });
});
