// A reviewer pool as a coordinator enters it (issue 12 defect 10, "Reviewer pools"): availability
// as ranges and unavailable days, stored as entered, so a reviewer item stays small (listing every
// working day made it 6.6 KB, and a 2,000-reviewer pool slow to list and to allocate from).
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, startTestApp } from '../support/local-app.ts';
import type { TestApp } from '../support/local-app.ts';

const NETWORK = 'ccqi-accreditation-example';
const POOL = 300;

let env: TestApp;

interface ListedReviewer {
  id: string;
  availableOn?: string[];
  available?: { from: string; to?: string }[];
  unavailable?: { from: string; to?: string }[];
}

const reviewer = (index: number) => ({
  id: `pool-r${index}`,
  name: `Reviewer ${index}`,
  email: `pool-r${index}@reviewers.example.org`,
  serviceId: `pool-svc-${index % 50}`,
  organisationId: `pool-org-${index % 25}`,
  roles: index % 10 === 0 ? ['lead', 'professional'] : ['professional'],
  ...(index % 10 === 0 && { leadTrainingExpiresOn: '2027-12-31' }),
  available: [{ from: '2025-01-06' }],
  unavailable: ['2025-03-04', { from: '2025-08-01', to: '2025-08-29' }],
});

describe('Integration: a reviewer pool with availability ranges', () => {
  beforeAll(async () => {
    env = await startTestApp();
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('seeds the example pool as one two-year range per reviewer, not a list of days', async () => {
    // Act
    const seeded = await callApi<{ reviewers: ListedReviewer[] }>(env.app, 'GET', `/networks/${NETWORK}/reviewers`);

    // Assess
    expect(seeded.status).toBe(200);
    expect(seeded.body.reviewers.length).toBeGreaterThan(0);
    for (const listed of seeded.body.reviewers) {
      expect(listed.available).toEqual([{ from: '2025-01-06', to: '2027-01-05' }]);
      expect(listed.availableOn).toBeUndefined();
    }
  });

  it(`imports ${POOL} reviewers with an open range and unavailable days, lists them as entered, each item under 1 KB`, async () => {
    // Act
    const imported = await callApi(env.app, 'PUT', `/networks/${NETWORK}/reviewers`, { reviewers: Array.from({ length: POOL }, (_unused, index) => reviewer(index)) });
    const listed = await callApi<{ reviewers: ListedReviewer[] }>(env.app, 'GET', `/networks/${NETWORK}/reviewers`);
    const item = await env.table.send(new GetCommand({ TableName: env.app.tableName, Key: { pk: `NETWORK#${NETWORK}`, sk: 'REVIEWER#pool-r7' } }));

    // Assess
    expect(imported.status).toBe(200);
    expect(listed.body.reviewers).toHaveLength(POOL);
    expect(listed.body.reviewers.find((entry) => entry.id === 'pool-r7')).toEqual(
      expect.objectContaining({ available: [{ from: '2025-01-06' }], unavailable: [{ from: '2025-03-04', to: '2025-03-04' }, { from: '2025-08-01', to: '2025-08-29' }] }),
    );
    expect(Buffer.byteLength(JSON.stringify(item.Item))).toBeLessThan(1024);
  });

  it('lists the pool a page at a time: limit, then nextCursor until there is none, every reviewer once', async () => {
    // Prepare
    type Page = { reviewers: ListedReviewer[]; nextCursor?: string };
    const pages: Page[] = [];
    let cursor: string | undefined;

    // Act
    do {
      const page = await callApi<Page>(env.app, 'GET', `/networks/${NETWORK}/reviewers?limit=120${cursor === undefined ? '' : `&cursor=${encodeURIComponent(cursor)}`}`);
      expect(page.status).toBe(200);
      pages.push(page.body);
      cursor = page.body.nextCursor;
    } while (cursor !== undefined && pages.length < 10);

    // Assess
    expect(pages.map((page) => page.reviewers.length).slice(0, 3)).toEqual([120, 120, 60]);
    const ids = pages.flatMap((page) => page.reviewers.map((listed) => listed.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(POOL);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=1001', 'limit'],
    ['limit=ten', 'limit'],
    ['cursor=not-a-cursor', 'cursor'],
    [`cursor=${Buffer.from(JSON.stringify({ pk: 'NETWORK#other', sk: 'REVIEWER#pool-r1' })).toString('base64url')}`, 'cursor'],
  ])('refuses ?%s with a 400 naming %s', async (query, field) => {
    // Act
    const response = await callApi<{ issues: { field: string }[] }>(env.app, 'GET', `/networks/${NETWORK}/reviewers?${query}`);

    // Assess
    expect(response.status).toBe(400);
    expect(response.body.issues.map((issue) => issue.field)).toEqual([field]);
  });

  it('refuses a range that ends before it starts, naming the field', async () => {
    // Act
    const response = await callApi<{ issues: { field: string }[] }>(env.app, 'PUT', `/networks/${NETWORK}/reviewers`, {
      reviewers: [{ ...reviewer(1), available: [{ from: '2025-03-04', to: '2025-03-03' }] }],
    });

    // Assess
    expect(response.status).toBe(400);
    expect(response.body.issues.map((issue) => issue.field)).toEqual(['reviewers.0.available.0.to']);
  });
});
