// The `accredit` CLI as a user runs it (a child process): what it prints on stderr and its exit code
// when a file, an argument or the app is wrong. The API is a stand-in HTTP server on 127.0.0.1 that
// answers as the real one does, so each case runs without the local stack.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../local/services/dynamodb-local.ts';

const projectDir = fileURLToPath(new URL('../../../', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Canned answers of the stand-in API: `METHOD path` -> [status, body]. */
const answers: Record<string, [number, unknown]> = {
  'POST /cycles/c1--svc/tasks/committee-decision': [
    400,
    {
      error: 'ValidationError',
      message: 'Invalid request body: outcome: Invalid option: expected one of "accredited"|"deferred"|"not-accredited"',
      issues: [{ field: 'outcome', message: 'Invalid option: expected one of "accredited"|"deferred"|"not-accredited"' }],
    },
  ],
  'POST /cohorts/c1/launch': [
    207,
    {
      cohortId: 'c1',
      startDate: '2027-01-04',
      counts: { started: 1, refused: 1 },
      services: [
        { serviceId: 'svc-a', cycleId: 'c1--svc-a', result: 'started' },
        { serviceId: 'svc-b', cycleId: 'c1--svc-b', result: 'refused', reason: 'an open cycle c0--svc-b' },
      ],
    },
  ],
  'POST /cohorts/c2/launch': [200, { cohortId: 'c2', startDate: '2027-01-04', counts: { started: 1 }, services: [{ serviceId: 'svc-a', cycleId: 'c2--svc-a', result: 'started' }] }],
};

let api: Server;
let apiUrl: string;
let closedUrl: string;
let dir: string;

const accredit = (...args: string[]): Promise<Run> =>
  new Promise((resolve) => {
    execFile(
      `${projectDir}node_modules/.bin/tsx`,
      ['cli/accredit.ts', '--api', apiUrl, '--sfn', closedUrl, '--ses', closedUrl, ...args],
      { cwd: projectDir, env: { ...process.env, ACCREDIT_API_URL: '', ACCREDIT_AS: '' } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });

describe('CLI: accredit errors', () => {
  beforeAll(async () => {
    api = createServer((request, response) => {
      const [status, body] = answers[`${request.method} ${request.url}`] ?? [404, { error: 'NotFound', message: `No route for ${request.url}` }];
      request.resume();
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
    // A port nothing listens on: the app is down.
    closedUrl = `http://127.0.0.1:${await freePort()}`;
    dir = mkdtempSync(join(tmpdir(), 'accredit-cli-'));
    writeFileSync(join(dir, 'broken.json'), '{"ratings": [');
  });
  afterAll(async () => {
    await new Promise((resolve) => api?.close(resolve));
  });

  it.each([
    ['a missing JSON file', 'missing.json', /missing\.json.*(no such file|not found)/i],
    ['a broken JSON file', 'broken.json', /broken\.json.*JSON/],
  ])('%s exits 1 and says which file and why', async (_label, file, message) => {
    // Act
    const run = await accredit('peer-ratings', 'c1--svc', join(dir, file), '--by', 'Lead');
    // Assess
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
  });

  it('prints each validation issue once', async () => {
    // Act
    const run = await accredit('decision', 'c1--svc', '--by', 'Chair', '--outcome', 'maybe', '--reason', 'x');
    // Assess
    expect(run.code).toBe(1);
    expect(run.stderr.match(/expected one of/g)).toHaveLength(1);
    expect(run.stderr).toMatch(/outcome/);
  });

  it.each([
    ['cycle', 'start', '--service', 'svc', '--cohort', 'c1', '--start-date', '2027-02-30'],
    ['cycle', 'extend', 'c1--svc', 'self-review', '--due', '12/01/2027', '--by', 'Staff', '--reason', 'r'],
    ['offer-dates', 'c1--svc', '--by', 'Host', '--dates', '2027-01-12,2027-1-13,2027-01-19'],
  ])('a bad date echoes the value and asks for YYYY-MM-DD (%s %s)', async (...args) => {
    // Act
    const run = await accredit(...args);
    // Assess
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/"(2027-02-30|12\/01\/2027|2027-1-13)".*YYYY-MM-DD/);
  });

  it('emails preview of an unknown template names it and lists the templates', async () => {
    // Act
    const run = await accredit('emails', 'preview', 'Nope');
    // Assess
    expect(run.code).toBe(1);
    expect(run.stderr).not.toMatch(/ENOENT/);
    expect(run.stderr).toMatch(/No email template "Nope".*AccreditationWelcome/s);
  });

  it('emails preview with the app down says what is unreachable and how to point at it', async () => {
    // Act
    const run = await accredit('emails', 'preview', 'AccreditationWelcome');
    // Assess
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`Cannot reach ${closedUrl}`);
    expect(run.stderr).toMatch(/npm start.*--ses.*ACCREDIT_SES_URL/);
  });

  it.each([
    ['c1', 1, /svc-b\s+refused\s+an open cycle c0--svc-b/],
    ['c2', 0, /svc-a\s+started/],
  ])('cohort launch %s exits %i (non-zero when any service was refused)', async (cohortId, code, line) => {
    // Act
    const run = await accredit('cohort', 'launch', cohortId, '--network', 'net');
    // Assess
    expect(run.code).toBe(code);
    expect(run.stdout).toMatch(line);
  });
});
