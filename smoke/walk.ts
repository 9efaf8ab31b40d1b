// The smoke walk, the same locally and on a real stage: load the example network as the CLI does
// (PUT /networks/{id}), enrol one service with a unique id, start its cycle and drive each step
// through the HTTP API as the group that owns it, to the committee decision. A real stage's clock
// cannot move past the visit day, so there the walk stops once the visit is booked.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addWorkingDays, isWorkingDay } from '#core/calendar';
import { addDays } from '#core/iso-date';
import { parseNetworkFiles, readNetworkFolder } from '#core/load-network';
import { ukDateOf } from '#core/uk-time';
import { call, expectStatus, poll } from './api.ts';
import type { Check, Identity, SmokeTarget } from './target.ts';

const NETWORK_FOLDER = fileURLToPath(new URL('../examples/networks/ccqi-accreditation-example/', import.meta.url));
const STAFF: Identity = { group: 'staff' };
const COMMITTEE: Identity = { group: 'committee' };

interface TaskView {
  status: string;
  dueAt: string;
  tokenHash: string;
  notifiedTokenHash?: string;
}

interface TeamMember {
  reviewerId: string;
  role: string;
  email: string;
}

interface WalkResult {
  serviceId: string;
  leadEmail: string;
  cycleId?: string;
  executionArn?: string;
  /** The committee decision was recorded (only where the clock could move past the visit day). */
  decided: boolean;
  team: TeamMember[];
  checks: Check[];
}

/** The example pool, free on every working day of the next two years (as local start-up seeds it). */
const reviewersOf = (text: string, today: string) => {
  const availableOn = Array.from({ length: 730 }, (_unused, index) => addDays(today, index)).filter((date) => isWorkingDay(date));
  const listed = (JSON.parse(text) as { reviewers: Record<string, unknown>[] }).reviewers;
  return listed.map((reviewer) => ({ availableOn, ...reviewer }));
};

const runWalk = async (target: SmokeTarget, options: { timeoutMs?: number; serviceId?: string } = {}): Promise<WalkResult> => {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const serviceId = options.serviceId ?? `smoke-${Date.now()}`;
  // The service is enrolled with the walking user as its lead, who alone submits the self-review.
  const leadEmail = target.serviceLeadEmail ?? `lead@${serviceId}.example.org`;
  const service: Identity = { group: 'service', organisationId: target.organisationId, email: leadEmail };
  const result: WalkResult = { serviceId, leadEmail, decided: false, team: [], checks: [] };
  const step = async <T>(name: string, action: () => Promise<T>): Promise<T> => {
    const value = await action();
    result.checks.push({ name, ok: true, detail: typeof value === 'string' ? value : '' });
    return value;
  };
  const today = async () => ukDateOf(target.clock ? await target.clock.now() : new Date());
  const cycle = () => result.cycleId as string;
  const waitForTask = (stage: string, who: Identity) =>
    poll(
      `the ${stage} step of ${cycle()} to open`,
      async () => {
        const answer = await call<{ task?: TaskView }>(target, who, 'GET', `/cycles/${cycle()}/tasks/${stage}`);
        const task = answer.body.task;
        // Open and its opening complete: the people concerned were told.
        return answer.status === 200 && task?.status === 'open' && task.notifiedTokenHash === task.tokenHash ? task : undefined;
      },
      timeoutMs,
    );
  const submit = async (stage: string, who: Identity, body: Record<string, unknown>) => {
    await waitForTask(stage, who);
    expectStatus(await call(target, who, 'POST', `/cycles/${cycle()}/tasks/${stage}`, body), [202], `${stage} as ${who.group}`);
    return `submitted as ${who.group}`;
  };

  try {
    const standardIds = await step('load the example network (PUT /networks/{id})', async () => {
      const files = readNetworkFolder(NETWORK_FOLDER);
      const { config, standards } = parseNetworkFiles(files, {});
      const reviewersFile = files.reviewers ?? { fileName: 'reviewers.json', text: readFileSync(`${NETWORK_FOLDER}reviewers.json`, 'utf8') };
      const body = {
        network: { fileName: basename(files.config.fileName), config },
        ...(files.standards && { standards: { fileName: basename(files.standards.fileName), text: files.standards.text } }),
        reviewers: { fileName: basename(reviewersFile.fileName), content: { reviewers: reviewersOf(reviewersFile.text, await today()) } },
      };
      expectStatus(await call(target, STAFF, 'PUT', `/networks/${config.id}`, body), [200, 201], 'network load');
      return { networkId: config.id, ids: standards.standards.map((standard) => standard.id) };
    });
    await step(`enrol ${serviceId}`, async () => {
      const body = { serviceId, name: `Smoke ${serviceId}`, organisationId: target.organisationId, networkId: standardIds.networkId, membershipType: 'accreditation', leadEmail: result.leadEmail };
      expectStatus(await call(target, STAFF, 'POST', '/services', body), [201], 'enrolment');
      return serviceId;
    });
    await step('start the cycle', async () => {
      const started = expectStatus(await call<{ cycleId: string; executionArn: string }>(target, STAFF, 'POST', '/cycles', { serviceId, cohortId: 'smoke' }), [202], 'cycle start');
      result.cycleId = started.body.cycleId;
      result.executionArn = started.body.executionArn;
      return started.body.cycleId;
    });
    await step('self-review', () =>
      submit('self-review', service, { submittedBy: 'Smoke service lead', summary: 'Smoke test', ratings: Object.fromEntries(standardIds.ids.map((id) => [id, 'met'])) }),
    );
    await step('peer-review-scheduling', async () => {
      const first = addWorkingDays(await today(), 20);
      return submit('peer-review-scheduling', service, { offeredBy: 'Smoke service lead', dates: [first, addWorkingDays(first, 1), addWorkingDays(first, 6)], hostAddress: '1 Smoke Street' });
    });
    await step('reviewer-acceptance (staff records each answer)', async () => {
      await waitForTask('reviewer-acceptance', STAFF);
      const { body } = await call<{ allocation: { team: TeamMember[] } }>(target, STAFF, 'GET', `/cycles/${cycle()}/allocation`);
      result.team = body.allocation?.team ?? [];
      if (result.team.length === 0) throw new Error('the allocation has no team');
      for (const member of result.team) {
        expectStatus(await call(target, STAFF, 'POST', `/cycles/${cycle()}/reviewers/${member.reviewerId}/accept`, {}), [202], `acceptance of ${member.reviewerId}`);
      }
      return `${result.team.length} reviewers accepted`;
    });
    const visit = await step('visit booked', () => waitForTask('visit', service));
    const clock = target.clock;
    if (!clock) {
      result.checks.push({ name: 'stop before the visit day', ok: true, detail: "a real stage's clock cannot move: peer ratings, factual accuracy and the committee decision are not walked" });
      return result;
    }
    await step('clock moved past the visit day (POST /_local/clock)', async () => {
      const seconds = Math.ceil((Date.parse(visit.dueAt) - (await clock.now()).getTime()) / 1000) + 60;
      await clock.advanceBy(seconds);
      return `+${seconds} s`;
    });
    // Only the lead reviewer may submit the team's peer ratings (src/step-actors.ts).
    const lead = result.team.find((member) => member.role === 'lead') ?? result.team[0];
    const reviewer: Identity = { group: 'reviewer', reviewerId: lead.reviewerId };
    await step('peer-ratings', () =>
      submit('peer-ratings', reviewer, { submittedBy: 'Smoke lead reviewer', ratings: standardIds.ids.map((standardId) => ({ standardId, rating: 'met' })) }),
    );
    await step('factual-accuracy', () => submit('factual-accuracy', service, { respondedBy: 'Smoke service lead', accepted: true }));
    await step('committee-decision', () => submit('committee-decision', COMMITTEE, { decidedBy: 'Smoke committee chair', outcome: 'accredited', reason: 'Smoke test' }));
    result.decided = true;
  } catch (error) {
    result.checks.push({ name: 'walk', ok: false, detail: (error as Error).message });
  }
  return result;
};

export { runWalk };
export type { TeamMember, WalkResult };
