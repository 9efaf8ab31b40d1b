// The 400 bodies name the field and say what is wrong in zod's words. The request schemas moved
// from classic zod to zod/mini (issue 14, bundle size); these are the issues classic zod gave for
// the same bodies, so a client sees the same paths and messages as before.
import { describe, expect, it } from 'vitest';
import { newActionSchema, pdsaPathSchema } from '#commons/schemas/action-plan';
import {
  enrolServiceRequestSchema,
  evidenceSchema,
  listCyclesQuerySchema,
  reviewerImportSchema,
  selfReviewAnswerSaveSchema,
  submissionSchemas,
} from '#commons/schemas/requests';

const issuesOf = (schema: { safeParse: (value: unknown) => { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } }, value: unknown) =>
  schema.safeParse(value).error?.issues.map(({ path, message }) => ({ path: path.join('.'), message }));

describe('Module: request schemas (issue 14: the same 400 messages on zod/mini)', () => {
  it.each([
    ['a page size that is not a number', listCyclesQuerySchema, { limit: 'ten' }, [{ path: 'limit', message: 'a whole number' }]],
    ['a page size of 0', listCyclesQuerySchema, { limit: '0' }, [{ path: 'limit', message: 'Too small: expected number to be >=1' }]],
    ['filter=mine without cohorts', listCyclesQuerySchema, { filter: 'mine' }, [{ path: 'myCohorts', message: 'filter=mine needs myCohorts (comma-separated cohort ids)' }]],
    ['an empty cohort list', listCyclesQuerySchema, { myCohorts: ' , ' }, [{ path: 'myCohorts', message: 'Too small: expected array to have >=1 items' }]],
    ['a blank service name', enrolServiceRequestSchema, { serviceId: 's1', name: '   ', organisationId: 'o1', networkId: 'n1', leadEmail: 'not-an-address' }, [
      { path: 'name', message: 'Too small: expected string to have >=1 characters' },
      { path: 'leadEmail', message: 'Invalid email address' },
    ]],
    ['a fractional version and a blank saver', selfReviewAnswerSaveSchema, { basedOnVersion: 1.5, savedBy: ' ', rating: 'great' }, [
      { path: 'rating', message: 'Invalid option: expected one of "met"|"not-met"|"not-applicable"' },
      { path: 'basedOnVersion', message: 'Invalid input: expected int, received number' },
      { path: 'savedBy', message: 'Too small: expected string to have >=1 characters' },
    ]],
    ['an http evidence link', evidenceSchema, { title: 'Audit', url: 'http://example.org/audit' }, [{ path: 'url', message: 'must be an https:// address' }]],
    ['a rejection without corrections', submissionSchemas['factual-accuracy'], { respondedBy: 'Ann', accepted: false, corrections: '  ' }, [
      { path: 'corrections', message: 'corrections are required when the draft is not accepted' },
    ]],
    ['an acceptance with corrections', submissionSchemas['factual-accuracy'], { respondedBy: 'Ann', accepted: true, corrections: 'Wrong date' }, [
      { path: 'corrections', message: 'corrections must be left out when the draft is accepted' },
    ]],
    ['a reviewer with no role and a range the wrong way round', reviewerImportSchema, { reviewers: [{ id: 'r1', name: 'R', email: 'r@example.org', roles: [], available: [{ from: '2026-02-02', to: '2026-02-01' }] }] }, [
      { path: 'reviewers.0.roles', message: 'Too small: expected array to have >=1 items' },
      { path: 'reviewers.0.available.0.to', message: 'to is before from' },
    ]],
    ['an action with no owner and no such day', newActionSchema, { owner: '', dueOn: '2026-02-30', addedBy: 'A' }, [
      { path: 'owner', message: 'Too small: expected string to have >=1 characters' },
      { path: 'dueOn', message: '"2026-02-30" is not a date: use YYYY-MM-DD' },
    ]],
    ['a PDSA path with a bad id', pdsaPathSchema, { cycleId: 'c1', actionId: 'A1', pdsaId: 'P0', phase: 'plan' }, [
      { path: 'pdsaId', message: 'a PDSA cycle id such as P1' },
      { path: 'phase', message: 'Invalid option: expected one of "do"|"study"|"act"' },
    ]],
  ] as const)('words %s as before', (_case, schema, body, expected) => {
    // Act
    const issues = issuesOf(schema as never, body);
    // Assess
    expect(issues).toEqual(expected);
  });
});
