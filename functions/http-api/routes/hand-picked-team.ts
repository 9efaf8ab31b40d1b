// Staff allocating a team by hand (issue 10, defect 1): the candidates of the pool with why each
// one cannot serve, and the check of a submitted team against the same hard rules as the
// automatic allocation. A team that names an unknown reviewer or a role they do not hold is a 400
// naming the field; a team that breaks a rule is a 409 naming each reviewer and the rule.
import { checkHandPickedTeam, TeamIssue } from '#core/allocation-check';
import { describeCandidates } from '#core/allocation-candidates';
import { loadAllocationInputs, overridableRulesOf } from '#commons/helpers/allocation-inputs';
import { configOfCycle } from '#commons/helpers/networks';
import { getAllocation, getCycle, getTask } from '#commons/helpers/records';
import type { CycleRecord, NetworkRecord } from '#commons/helpers/records';
import { ruleLabel } from '#commons/helpers/review-team';
import type { manualAllocationSubmissionSchema } from '#commons/schemas/requests';
import { CallbackStage } from '#core/vocabulary';
import { idSchema, isoDateSchema } from '#commons/schemas/workflow';
import type { z } from '#core/zod-mini';
import { httpError, json, validate } from '../http.ts';
import type { Route, RouteHandler } from '../router.ts';
import { refuse } from './stage-checks.ts';
import type { FieldIssue } from './stage-checks.ts';

type ManualTeam = z.infer<typeof manualAllocationSubmissionSchema>;

const requireCycleAndNetwork = async (cycleId: string): Promise<{ cycle: CycleRecord; network: Pick<NetworkRecord, 'config'> }> => {
  const cycle = await getCycle(cycleId);
  if (!cycle) throw httpError(404, 'CycleNotFound', `Cycle ${cycleId} does not exist`);
  // The configuration the cycle started with: its overridable rules and team composition.
  const network = await configOfCycle(cycle);
  if (!network) throw httpError(409, 'NetworkNotFound', `Network ${cycle.networkId} has not been imported`);
  return { cycle, network };
};

const offeredDatesOf = async (cycleId: string): Promise<string[]> => (((await getTask(cycleId, CallbackStage.peerReviewScheduling))?.submission?.dates as string[] | undefined) ?? []);

const fieldOf: Record<string, string> = { [TeamIssue.NotInPool]: 'reviewerId', [TeamIssue.RoleNotHeld]: 'role' };

/** Throws 400 for a malformed team, 409 for one that breaks a hard rule it may not override. */
const checkManualTeam = async (cycleId: string, submission: ManualTeam): Promise<void> => {
  const { cycle, network } = await requireCycleAndNetwork(cycleId);
  const offered = await offeredDatesOf(cycleId);
  if (!offered.includes(submission.date)) refuse([{ field: 'date', message: `${submission.date} is not one of the offered dates (${offered.join(', ')})` }]);
  const inputs = await loadAllocationInputs(cycle, [submission.date]);
  const check = checkHandPickedTeam({ ...inputs, pool: inputs.reviewers, date: submission.date, team: submission.team, composition: network.config.reviewTeam, overridableRules: overridableRulesOf(network), overrides: submission.overrides ?? [] });
  if (check.ok) return;
  const malformed = check.breaches.filter((breach) => (Object.values(TeamIssue) as string[]).includes(breach.rule));
  if (malformed.length > 0) {
    refuse(malformed.map((breach): FieldIssue => ({ field: breach.index === undefined || !fieldOf[breach.rule] ? 'team' : `team.${breach.index}.${fieldOf[breach.rule]}`, message: breach.detail })));
  }
  const refused = check.breaches.map(({ index, reviewerId, rule, detail, overridable }) => ({ field: index === undefined ? 'team' : `team.${index}.reviewerId`, reviewerId, rule, ruleLabel: ruleLabel(rule), detail, overridable }));
  throw httpError(409, 'TeamBreaksAllocationRules', `The team breaks the allocation rules: ${refused.map((r) => `${r.reviewerId ?? 'team'}: ${r.ruleLabel} (${r.detail})`).join('; ')}`, { issues: refused });
};

/** GET /cycles/{cycleId}/allocation/candidates[?date=YYYY-MM-DD]: every pool reviewer, eligible or not, and why. */
const showCandidates: RouteHandler = async (event, params) => {
  const cycleId = validate(idSchema, params.cycleId, 'cycleId');
  const date = event.queryStringParameters?.date === undefined ? undefined : validate(isoDateSchema, event.queryStringParameters.date, 'date');
  const { cycle } = await requireCycleAndNetwork(cycleId);
  const [allocation, offered] = await Promise.all([getAllocation(cycleId), offeredDatesOf(cycleId)]);
  const dates = date ? [date] : allocation?.date ? [allocation.date] : offered;
  if (dates.length === 0) throw httpError(409, 'NoVisitDates', `Cycle ${cycleId} has no visit date or offered dates yet`);
  // The bookings of exactly these days (issue 14), so the pool and the days are read once the days are known.
  const inputs = await loadAllocationInputs(cycle, dates);
  const candidates = describeCandidates({ host: inputs.host, dates, pool: inputs.reviewers, allocationsThisCycle: inputs.allocationsThisCycle }).map((candidate) => ({
    ...candidate,
    name: inputs.pool.get(candidate.reviewerId)?.name ?? candidate.reviewerId,
    reasons: candidate.reasons.map((reason) => ({ ...reason, ruleLabel: ruleLabel(reason.rule) })),
  }));
  return json(200, { cycleId, dates, candidates });
};

const handPickedTeamRoutes: Route[] = [{ method: 'GET', path: '/cycles/{cycleId}/allocation/candidates', handle: showCandidates }];

export { checkManualTeam, handPickedTeamRoutes };
