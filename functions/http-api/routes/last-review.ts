// GET /cycles/{cycleId}/last-review (issue 13, "the next review sees the plan"): for the self-review of
// an interim review or a renewal, what the previous cycle's action plan did per standard, with the
// run chart of each measure linked to an action (src/last-review.ts decides; this loads and passes
// on). The previous cycle is found by key: a follow-up cycle records the cycle that scheduled it
// (`previousCycleId`, from its execution input), and that cycle's record lists the follow-ups it
// booked (a renewal's interim review). So the reads are GetItems of the two cycles, then Queries of the
// chosen previous cycle's partition: its plan with the PDSA cycles, its measures with their points.
// Served by the quality-improvement function, which bundles the chart code already.
import { lastReviewCandidates, lastReviewOf } from '#core/last-review';
import type { BookedFollowUp, PreviousAction, PreviousMeasure } from '#core/last-review';
import { readActionPlanItems } from '#commons/data/action-plan';
import { measuresWithPoints } from '#commons/data/measure';
import type { MeasureRecord } from '#commons/data/measure';
import { pdsaCyclesOf } from '#commons/data/pdsa-cycle';
import { getCycle } from '#commons/helpers/records';
import { idSchema } from '#commons/schemas/workflow';
import { httpError, json, validate } from '../http.ts';
import type { Route, RouteHandler } from '../router.ts';

const previousActionsOf = async (cycleId: string): Promise<PreviousAction[]> => {
  const { actions, items } = await readActionPlanItems(cycleId);
  return actions.map(({ actionId, title, owner, dueOn, status, proposalIds, standardIds }) => ({
    id: actionId,
    title,
    owner,
    dueOn,
    status,
    proposalIds,
    standardIds,
    pdsaCycles: pdsaCyclesOf(items, actionId),
  }));
};

const previousMeasureOf = (measure: MeasureRecord): PreviousMeasure => ({
  measureId: measure.measureId,
  definition: measure.definition,
  ...(measure.actionId ? { actionId: measure.actionId } : {}),
  points: measure.points,
  choices: { ...(measure.baseline ? { baselineThroughOn: measure.baseline.throughOn } : {}), recalculations: measure.recalculations },
});

/** GET /cycles/{cycleId}/last-review */
const showLastReview: RouteHandler = async (_event, params) => {
  const cycleId = validate(idSchema, params.cycleId, 'cycleId');
  const cycle = await getCycle(cycleId);
  if (!cycle) throw httpError(404, 'CycleNotFound', `Cycle ${cycleId} does not exist`);
  if (!cycle.previousCycleId) return json(200, { cycleId, previousCycleId: null, standards: [], otherActions: [] });
  const bookedBy = await getCycle(cycle.previousCycleId);
  const candidates = bookedBy ? lastReviewCandidates(cycle, bookedBy as typeof bookedBy & { followUpCycles?: BookedFollowUp[] }) : [cycle.previousCycleId];
  // The most recent cycle with a plan: a renewal shows its interim review's plan, else the accrediting cycle's.
  let previousCycleId = cycle.previousCycleId;
  let actions: PreviousAction[] = [];
  for (const candidate of candidates) {
    actions = await previousActionsOf(candidate);
    previousCycleId = candidate;
    if (actions.length > 0) break;
  }
  const measures = await measuresWithPoints(previousCycleId);
  return json(200, { cycleId, previousCycleId, ...lastReviewOf(actions, measures.map(previousMeasureOf)) });
};

const lastReviewRoutes: Route[] = [{ method: 'GET', path: '/cycles/{cycleId}/last-review', handle: showLastReview }];

export { lastReviewRoutes };
