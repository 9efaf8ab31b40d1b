// Drives a cohort to committee decisions through the HTTP API, looking only at the state: each
// round reads every cycle, answers every open step (self-review, date offers, the team's
// acceptances, peer ratings, factual accuracy, the decision), extends anything overdue, and when
// every undecided cycle is waiting for its visit day, moves the workflow clock past the earliest
// one. Nothing is remembered between rounds, so a kill at any point only costs a round.
import pLimit from 'p-limit';
import { addWorkingDays } from '#core/calendar';
import { ukDateOf } from '#core/uk-time';
import { cycleIdOf } from '#commons/schemas/requests';
import type { ApiClient } from './api-client.ts';
import { COHORT_ID, NETWORK_ID, answers, reviewerPool, serviceEnrolment, serviceIdsOf, standardsCsv } from './cohort.ts';
import type { AnsweredStage } from './cohort.ts';
import { PhaseKind } from './phases.ts';
import type { PhaseSignals } from './phases.ts';

/** Cycle statuses that are a committee decision (or, for a developmental member, the report). */
const DECIDED: readonly string[] = ['accredited', 'not-accredited', 'report-issued'];
const CONCURRENCY = 8;
/** With no change in any cycle for this long, the driver moves the clock on even if a cycle is not waiting for its visit. */
const IDLE_BEFORE_ADVANCE_MS = 20_000;
/**
 * With no change at all for this long while the driver only watched (time spent in a clock
 * advance or waiting for a restart does not count), the driver gives up: what is not decided is stuck.
 */
const STALL_MS = 240_000;
/** How far the clock is moved when nothing happens: past the ASL's longest retry interval with backoff. */
const RETRY_NUDGE_SECONDS = 600;

interface TaskView {
  stage: string;
  status: string;
  dueAt: string;
  tokenHash: string;
  notifiedTokenHash?: string;
}

interface CycleView {
  cycle: { cycleId: string; stage: string; status: string };
  executionStatus?: string;
  tasks: TaskView[];
}

interface DriverOptions {
  api: ApiClient;
  signals: PhaseSignals;
  services: number;
  /** Wall-clock time (ms since the epoch) after which the driver gives up. */
  deadline: number;
  log: (message: string) => void;
}

interface DriverResult {
  serviceIds: string[];
  cycleIds: string[];
  decided: number;
  /** Why the driver stopped: every cycle decided, the deadline, or no change for STALL_MS. */
  ending: 'all-decided' | 'deadline' | 'stalled';
  rounds: number;
  submissions: number;
  clockAdvances: number;
  extensions: number;
  /** Answers the driver did not expect (4xx other than a repeat or a conflict with a step that moved on). */
  unexpectedAnswers: string[];
  /** Open steps the driver has no answer for (e.g. manual allocation): those cycles end stuck. */
  unanswerable: string[];
}

type Action = { cycleId: string; describe: string; run: () => Promise<number> };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const createDriver = ({ api, signals, services, deadline, log }: DriverOptions) => {
  const serviceIds = serviceIdsOf(services);
  const cycleIds = serviceIds.map((serviceId) => cycleIdOf(COHORT_ID, serviceId));
  const result: DriverResult = {
    serviceIds,
    cycleIds,
    decided: 0,
    ending: 'stalled',
    rounds: 0,
    submissions: 0,
    clockAdvances: 0,
    extensions: 0,
    unexpectedAnswers: [],
    unanswerable: [],
  };
  const limit = pLimit(CONCURRENCY);

  const note = (list: string[], message: string) => {
    if (!list.includes(message)) list.push(message);
  };

  const expectOk = (what: string, status: number, body: unknown, allowed: readonly number[] = [200, 201, 202]) => {
    if (!allowed.includes(status)) throw new Error(`${what}: ${status} ${JSON.stringify(body).slice(0, 500)}`);
  };

  const workflowNow = async (): Promise<Date> => new Date(String((await api.call('GET', '/_local/clock')).body.now));

  /** Standards, the reviewer pool and the services: each request repeatable. */
  const setUp = async () => {
    const standards = await api.call('PUT', `/networks/${NETWORK_ID}/standards`, { csv: standardsCsv });
    expectOk('standards import', standards.status, standards.body, [200]);
    const today = ukDateOf(await workflowNow());
    const pool = await api.call('PUT', `/networks/${NETWORK_ID}/reviewers`, { reviewers: reviewerPool(services, today) });
    expectOk('reviewer import', pool.status, pool.body, [200]);
    await Promise.all(
      serviceIds.map((serviceId) =>
        limit(async () => {
          const enrolled = await api.call('POST', '/services', serviceEnrolment(serviceId));
          expectOk(`enrolling ${serviceId}`, enrolled.status, enrolled.body, [200, 201]);
        }),
      ),
    );
  };

  /** Launches the cohort until every service's cycle is started (a repeat reports them as already started). */
  const launch = async () => {
    for (let attempt = 1; attempt <= 10; attempt += 1) {
      const end = signals.begin(PhaseKind.launch, serviceIds.length);
      try {
        const launched = await api.call<{ counts: Record<string, number> }>('POST', `/cohorts/${COHORT_ID}/launch`, { serviceIds });
        if (launched.status === 200) return log(`cohort launched: ${JSON.stringify(launched.body.counts)}`);
        note(result.unexpectedAnswers, `launch: ${launched.status} ${JSON.stringify(launched.body).slice(0, 300)}`);
      } finally {
        end();
      }
      await sleep(1_000);
    }
  };

  const submit = (cycleId: string, stage: string, body: Record<string, unknown>): Action => ({
    cycleId,
    describe: `${stage} of ${cycleId}`,
    run: async () => {
      result.submissions += 1;
      const answer = await api.call('POST', `/cycles/${cycleId}/tasks/${stage}`, body);
      // 409: the step moved on meanwhile (e.g. a kill's retry after the first request's answer was lost); the next round reads it.
      if (![200, 202, 409].includes(answer.status)) note(result.unexpectedAnswers, `${stage} of ${cycleId}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
      return answer.status;
    },
  });

  const acceptTeam = (cycleId: string): Action => ({
    cycleId,
    describe: `the team's acceptances of ${cycleId}`,
    run: async () => {
      const { body } = await api.call<{ allocation?: { status: string; team: { reviewerId: string }[]; acceptedBy?: string[] } }>('GET', `/cycles/${cycleId}/allocation`);
      const allocation = body.allocation;
      if (allocation?.status !== 'invited') return 0;
      for (const member of allocation.team.filter((candidate) => !(allocation.acceptedBy ?? []).includes(candidate.reviewerId))) {
        result.submissions += 1;
        const answer = await api.call('POST', `/cycles/${cycleId}/reviewers/${member.reviewerId}/accept`, {});
        if (![200, 202, 409].includes(answer.status)) note(result.unexpectedAnswers, `accept ${member.reviewerId} for ${cycleId}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
      }
      return 202;
    },
  });

  const extend = (cycleId: string, stage: string, today: string): Action => ({
    cycleId,
    describe: `an extension of ${stage} of ${cycleId}`,
    run: async () => {
      result.extensions += 1;
      const body = { extendedBy: 'Network manager', dueOn: addWorkingDays(today, 10), reason: 'Chaos run: a step went overdue' };
      const answer = await api.call('POST', `/cycles/${cycleId}/tasks/${stage}/extension`, body);
      if (![200, 202, 409].includes(answer.status)) note(result.unexpectedAnswers, `extension of ${stage} of ${cycleId}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
      return answer.status;
    },
  });

  /** What a cycle needs now: actions, or the visit day it waits for; undefined once decided. */
  const plan = (view: CycleView, today: string): { actions: Action[]; visitDueAt?: string } | undefined => {
    const { cycle, tasks } = view;
    if (DECIDED.includes(cycle.status) && view.executionStatus !== 'RUNNING') return undefined;
    const actions: Action[] = [];
    let visitDueAt: string | undefined;
    for (const task of tasks) {
      if (task.status === 'overdue') actions.push(extend(cycle.cycleId, task.stage, today));
      // An open step counts once its opening is complete (the people concerned were told).
      if (task.status !== 'open' || task.notifiedTokenHash !== task.tokenHash) continue;
      if (task.stage in answers) actions.push(submit(cycle.cycleId, task.stage, answers[task.stage as AnsweredStage](today)));
      else if (task.stage === 'reviewer-acceptance') actions.push(acceptTeam(cycle.cycleId));
      else if (task.stage === 'visit') visitDueAt = task.dueAt;
      else note(result.unanswerable, `${cycle.cycleId}: ${task.stage}`);
    }
    return { actions, visitDueAt };
  };

  const fingerprint = (views: readonly (CycleView | undefined)[]) =>
    JSON.stringify(views.map((view) => view && [view.cycle.stage, view.cycle.status, view.executionStatus, view.tasks.map((task) => [task.stage, task.status, task.tokenHash, task.notifiedTokenHash])]));

  const advancePast = async (dueAt: string, now: Date) => {
    const target = Date.parse(dueAt) + 60_000;
    if (target <= now.getTime()) return;
    const end = signals.begin(PhaseKind.advance);
    try {
      result.clockAdvances += 1;
      const answer = await api.once('POST', '/_local/clock', { advanceBySeconds: Math.ceil((target - now.getTime()) / 1000) });
      if (answer && answer.status !== 200) note(result.unexpectedAnswers, `clock advance: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
      log(answer ? `clock advanced to ${JSON.stringify(answer.body.now)}` : 'clock advance cut by a kill');
    } finally {
      end();
    }
  };

  const advanceBy = async (seconds: number) => {
    const end = signals.begin(PhaseKind.advance);
    try {
      result.clockAdvances += 1;
      const answer = await api.once('POST', '/_local/clock', { advanceBySeconds: seconds });
      if (answer && answer.status !== 200) note(result.unexpectedAnswers, `clock nudge: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
      log(answer ? `clock nudged ${seconds} s to ${JSON.stringify(answer.body.now)} (steps waiting out a retry)` : 'clock nudge cut by a kill');
    } finally {
      end();
    }
  };

  const run = async (): Promise<DriverResult> => {
    await setUp();
    await launch();
    let undecided = [...cycleIds];
    let lastChange = Date.now();
    let lastFingerprint = '';
    let lastGeneration = api.generation();
    for (;;) {
      result.rounds += 1;
      const now = await workflowNow();
      const today = ukDateOf(now);
      const views = await Promise.all(
        undecided.map((cycleId) =>
          limit(async () => {
            const response = await api.call<CycleView>('GET', `/cycles/${cycleId}`);
            return response.status === 200 ? response.body : undefined;
          }),
        ),
      );
      const plans = views.map((view) => (view ? plan(view, today) : { actions: [] as Action[] }));
      undecided = undecided.filter((_cycleId, index) => plans[index] !== undefined);
      result.decided = cycleIds.length - undecided.length;
      if (undecided.length === 0) {
        result.ending = 'all-decided';
        return result;
      }
      const printed = fingerprint(views);
      if (printed !== lastFingerprint || api.generation() !== lastGeneration) {
        lastFingerprint = printed;
        lastGeneration = api.generation();
        lastChange = Date.now();
      }
      if (Date.now() > deadline) {
        result.ending = 'deadline';
        return result;
      }
      if (Date.now() - lastChange > STALL_MS) {
        log(`no change in any cycle for ${Math.round((Date.now() - lastChange) / 1000)} s: giving up`);
        result.ending = 'stalled';
        return result;
      }
      const actions = plans.flatMap((planned) => planned?.actions ?? []);
      const visits = plans.flatMap((planned) => (planned?.visitDueAt ? [planned.visitDueAt] : []));
      if (actions.length > 0) {
        const end = signals.begin(PhaseKind.burst, actions.length);
        try {
          await Promise.all(actions.map((action) => limit(() => action.run())));
        } finally {
          end();
        }
        continue;
      }
      const allWaitingForVisits = visits.length === undecided.length;
      if (visits.length > 0 && (allWaitingForVisits || Date.now() - lastChange > IDLE_BEFORE_ADVANCE_MS)) {
        await advancePast(visits.sort()[0], now);
        // The advance's own time is not time without change: the cycles get a full STALL_MS to react to it.
        lastChange = Date.now();
        continue;
      }
      // Nothing to answer and no visit to reach, yet undecided cycles: a step may be waiting out a
      // Retry's interval (a Lambda that met the stack going down), which the manual clock only lets
      // pass when it moves. Staff at `npm start` would move it; so does the driver, a little.
      if (Date.now() - lastChange > IDLE_BEFORE_ADVANCE_MS) {
        await advanceBy(RETRY_NUDGE_SECONDS);
        lastChange = Date.now();
        continue;
      }
      await sleep(250);
    }
  };

  return { run };
};

export { createDriver };
export type { DriverResult };
