// Saving a 300-standard self-review on the local stack (issue 9: "saves 300 standards' answers in
// under 500 ms at p95 locally"): each answer is one PUT /cycles/{id}/self-review/answers/{standardId}
// through the local HTTP adapter to DynamoDB Local, first one after another (one person), then ten
// at a time (a ward team at once), then the GET of the whole self-review. Prints figures; asserts nothing.
import { performance } from 'node:perf_hooks';
import { callApi, startTestApp, waitFor } from '../test/support/local-app.ts';

const NETWORK = 'ccqi-accreditation-example';
const STANDARDS = 300;
const SECTIONS = 12;

const csv = ['id,section,type,text', ...Array.from({ length: STANDARDS }, (_unused, index) => `B.${index + 1},Section ${(index % SECTIONS) + 1},${(index % 3) + 1},Bench standard ${index + 1} is met.`)].join('\n');

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const describe = (label: string, times: number[]) =>
  console.log(`${label}: ${times.length} saves, p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms`);

const timed = async (call: () => Promise<{ status: number }>): Promise<number> => {
  const start = performance.now();
  const { status } = await call();
  if (status !== 200) throw new Error(`A save answered ${status}`);
  return performance.now() - start;
};

const main = async () => {
  const env = await startTestApp();
  try {
    if ((await callApi(env.app, 'PUT', `/networks/${NETWORK}/standards`, { csv })).status !== 200) throw new Error('standards import failed');
    const enrolled = await callApi(env.app, 'POST', '/services', { serviceId: 'svc-bench', name: 'Bench ward', organisationId: 'org-bench', networkId: NETWORK, membershipType: 'accreditation', leadEmail: 'lead@bench.example.org' });
    if (enrolled.status !== 201) throw new Error(`enrolment answered ${enrolled.status}`);
    const { cycleId } = (await callApi<{ cycleId: string }>(env.app, 'POST', '/cycles', { serviceId: 'svc-bench', cohortId: 'bench' })).body;
    await waitFor('the self-review to open', async () => ((await callApi<{ task?: { status: string } }>(env.app, 'GET', `/cycles/${cycleId}/tasks/self-review`)).body.task?.status === 'open' ? true : undefined));
    const save = (index: number, basedOnVersion: number) => () =>
      callApi(env.app, 'PUT', `/cycles/${cycleId}/self-review/answers/B.${index + 1}`, { rating: 'met', comment: 'Seen in the March audit', evidence: [{ title: 'Audit', url: 'https://intranet.example.nhs.uk/audit.pdf' }], basedOnVersion, savedBy: 'Ward manager' });
    const oneByOne: number[] = [];
    for (let index = 0; index < STANDARDS; index += 1) oneByOne.push(await timed(save(index, 0)));
    describe('one after another', oneByOne);
    const together: number[] = [];
    for (let first = 0; first < STANDARDS; first += 10) {
      together.push(...(await Promise.all(Array.from({ length: 10 }, (_unused, offset) => timed(save(first + offset, 1))))));
    }
    describe('ten at a time', together);
    const reads = [];
    for (let run = 0; run < 20; run += 1) reads.push(await timed(() => callApi(env.app, 'GET', `/cycles/${cycleId}/self-review`)));
    console.log(`GET the whole self-review (${STANDARDS} answers): p50 ${percentile(reads, 50).toFixed(1)} ms, p95 ${percentile(reads, 95).toFixed(1)} ms`);
  } finally {
    await env.stop();
  }
};

await main();
