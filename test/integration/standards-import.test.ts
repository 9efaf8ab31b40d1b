// A network's standards catalogue at the documented limit (issue 12, defect 9): 10,000 standards
// were one DynamoDB item over its 400 KB limit, and the import a 500. A large version is now stored
// in chunks under its version key, the header last; over the limit is a 400 or a 413 naming the field.
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, startTestApp } from '../support/local-app.ts';
import type { TestApp } from '../support/local-app.ts';

const NETWORK = 'ccqi-accreditation-example';
/** DynamoDB's item size limit. */
const ITEM_LIMIT_BYTES = 400 * 1024;

let env: TestApp;

/** `count` standards of about 150 bytes each, every one distinct (a real catalogue's shape, scaled). */
const catalogue = (count: number, prefix = 'S'): string =>
  [
    'id,section,type,text,guidance',
    ...Array.from({ length: count }, (_unused, index) => {
      const id = `${prefix}${String(index + 1).padStart(5, '0')}`;
      return `${id},Section ${(index % 40) + 1},${(index % 3) + 1},"Standard ${id}: the service records, reviews and acts on it, with staff, patients and carers",Evidence for ${id}`;
    }),
  ].join('\n');

const standardsItems = async (versionId: string) =>
  (
    await env.table.send(
      new QueryCommand({ TableName: env.app.tableName, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)', ExpressionAttributeValues: { ':pk': `NETWORK#${NETWORK}`, ':sk': `STANDARDS#${versionId}` } }),
    )
  ).Items ?? [];

describe('Integration: importing a large standards catalogue', () => {
  beforeAll(async () => {
    env = await startTestApp();
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('imports 10,000 standards (200), stores every item under 400 KB, and reads them back equal, in order', async () => {
    // Prepare
    const csv = catalogue(10_000);

    // Act
    const response = await callApi<{ result: string; versionId: string; standards: number }>(env.app, 'PUT', `/networks/${NETWORK}/standards`, { csv, version: 'big-1' });
    const again = await callApi<{ result: string }>(env.app, 'PUT', `/networks/${NETWORK}/standards`, { csv, version: 'big-1' });
    const { getStandards } = await import('#commons/data/standards');
    const { parseStandardsCsv } = await import('#core/standards');
    const stored = await getStandards(NETWORK, response.body.versionId);
    const items = await standardsItems(response.body.versionId);

    // Assess
    expect(response.status).toBe(200);
    expect(response.body).toEqual(expect.objectContaining({ result: 'imported', standards: 10_000 }));
    expect(again.body.result).toBe('already-imported');
    expect(stored?.standards).toEqual(parseStandardsCsv(csv, 'standards.csv', { version: 'big-1' }).standards);
    expect(items.length).toBeGreaterThan(2);
    for (const item of items) expect(Buffer.byteLength(JSON.stringify(item))).toBeLessThan(ITEM_LIMIT_BYTES / 2);
    // Two imports of 10,000 rows and a read-back: about 25 s on a busy 2-core machine.
  }, 120_000);

  it('a version whose header was never written (a crash after its chunks) is not there for readers', async () => {
    // Prepare: the chunks of a large version are written, as an import does before its header.
    const { standardsHeaderPut, getStandards } = await import('#commons/data/standards');
    const { parseStandardsCsv } = await import('#core/standards');
    const set = parseStandardsCsv(catalogue(6_000, 'H'), 'standards.csv', { version: 'half-1' });

    // Act
    const header = await standardsHeaderPut(NETWORK, set, new Date('2025-01-06T09:00:00.000Z'));
    const read = await getStandards(NETWORK, set.versionId);
    const network = await env.table.send(new GetCommand({ TableName: env.app.tableName, Key: { pk: `NETWORK#${NETWORK}`, sk: 'CONFIG' } }));

    // Assess
    expect((await standardsItems(set.versionId)).length).toBeGreaterThan(1);
    expect(header.Put.Item).toEqual(expect.objectContaining({ chunks: expect.any(Number), count: 6_000 }));
    expect(read).toBeUndefined();
    expect(network.Item?.standardsVersionId).not.toBe(set.versionId);
  });

  it.each([
    ['more than 10,000 standards', () => ({ csv: catalogue(10_001) }), 400, /Too many standards/],
    ['a CSV over 4,000,000 bytes', () => ({ csv: catalogue(10_000).replaceAll('Evidence for', 'Evidence for'.padEnd(400, '.')) }), 413, /csv: the standards CSV is \d+ bytes/],
    ['a standard text over 2,000 characters', () => ({ csv: `id,section,type,text\nA1,S,1,${'x'.repeat(2_001)}` }), 400, /column text/],
  ])('refuses %s, naming the field', async (_case, body, status, message) => {
    // Act
    const response = await callApi<{ message: string; issues: { field: string; message: string }[] }>(env.app, 'PUT', `/networks/${NETWORK}/standards`, body());

    // Assess
    expect(response.status).toBe(status);
    expect(JSON.stringify(response.body)).toMatch(message);
  });

  it('a network load refuses an oversized standards file with a 413 naming standards.text', async () => {
    // Act
    const response = await callApi<{ message: string }>(env.app, 'PUT', `/networks/${NETWORK}`, {
      network: { config: { id: NETWORK } },
      standards: { text: 'x'.repeat(4_000_001) },
      dryRun: true,
    });

    // Assess
    expect(response.status).toBe(413);
    expect(response.body.message).toMatch(/^standards\.text: /);
  });
});
