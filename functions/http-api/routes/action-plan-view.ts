// A cycle's action plan as the API shows it (issue 13): the proposals the review makes (every unmet
// standard and every area for development, rebuilt from the same ratings the draft report was built
// from, so their ids are stable), which action answers each, and the actions with their PDSA ramps.
import { overdueActions, proposalsNotTakenUp, proposeActions } from '#core/action-plan';
import type { ActionPlan, ProposedAction } from '#core/action-plan';
import { nextPhase, rampOf } from '#core/pdsa';
import type { Standard } from '#core/standards';
import { ukDateOf } from '#core/uk-time';
import { now } from '#commons/clock';
import { readActionPlanItems } from '#commons/data/action-plan';
import type { ActionRecord } from '#commons/data/action-plan';
import { pdsaCyclesOf } from '#commons/data/pdsa-cycle';
import { networkOfCycle, standardsOfCycle } from '#commons/helpers/networks';
import { getCycle, getReport } from '#commons/helpers/records';
import type { CycleRecord, NetworkRecord } from '#commons/helpers/records';
import { draft } from '../../draft-report/report-record.ts';
import { httpError } from '../http.ts';

interface LoadedPlan {
  cycle: CycleRecord;
  network: NetworkRecord;
  standards: readonly Standard[];
  /** Empty until the draft report exists. */
  proposals: ProposedAction[];
  reportPreparedOn?: string;
  /** The number of the plan's last action (undefined: no plan yet), which an addition moves on. */
  actionSeq?: number;
  actions: ActionRecord[];
  items: Record<string, unknown>[];
  today: string;
}

const loadPlan = async (cycleId: string): Promise<LoadedPlan> => {
  const cycle = await getCycle(cycleId);
  if (!cycle) throw httpError(404, 'CycleNotFound', `Cycle ${cycleId} does not exist`);
  const [network, report, { header, actions, items }] = await Promise.all([networkOfCycle(cycle), getReport(cycleId), readActionPlanItems(cycleId)]);
  if (!network) throw httpError(409, 'NetworkNotFound', `The network ${cycle.networkId} of cycle ${cycleId} is not stored`);
  const standards = (await standardsOfCycle(cycle, network))?.standards ?? [];
  // The report's own inputs, drafted again: the stored report keeps its HTML, not its lists.
  const proposals = report ? proposeActions((await draft(cycle, network, report.preparedOn)).report) : [];
  return { cycle, network, standards, proposals, reportPreparedOn: report?.preparedOn, actionSeq: header?.actionSeq, actions, items, today: ukDateOf(now()) };
};

const corePlanOf = (plan: Pick<LoadedPlan, 'proposals' | 'actions'>): ActionPlan => ({
  proposals: plan.proposals,
  actions: plan.actions.map(({ actionId, title, owner, dueOn, status, proposalIds }) => ({ id: actionId, title, owner, dueOn, status, proposalIds })),
});

/** A stored item without its keys: what the API shows of it. */
const withoutKeys = <T extends object>(item: T) => {
  const { pk: _pk, sk: _sk, gsi1pk: _a, gsi1sk: _b, gsi2pk: _c, gsi2sk: _d, itemType: _type, ...view } = item as T & Record<string, unknown>;
  return view;
};

const planView = (plan: LoadedPlan) => {
  const core = corePlanOf(plan);
  const answeredBy = new Map(plan.actions.flatMap((action) => action.proposalIds.map((id) => [id, action.actionId] as const)));
  const overdue = new Set(overdueActions(core, plan.today).map((action) => action.id));
  return {
    cycleId: plan.cycle.cycleId,
    serviceName: plan.cycle.serviceName,
    networkId: plan.cycle.networkId,
    networkName: plan.cycle.networkName,
    today: plan.today,
    reportPreparedOn: plan.reportPreparedOn,
    planVersion: plan.actionSeq ?? 0,
    proposals: plan.proposals.map((proposal) => ({ ...proposal, answeredBy: answeredBy.get(proposal.id) })),
    notTakenUp: proposalsNotTakenUp(core).map((proposal) => proposal.id),
    actions: plan.actions.map((action) => {
      const { cycles, state } = rampOf(pdsaCyclesOf(plan.items, action.actionId));
      return {
        ...withoutKeys(action),
        overdue: overdue.has(action.actionId),
        ramp: { state, cycles: cycles.map((cycle) => ({ ...withoutKeys(cycle), nextPhase: nextPhase(cycle) })) },
      };
    }),
  };
};

export { corePlanOf, loadPlan, planView, withoutKeys };
export type { LoadedPlan };
