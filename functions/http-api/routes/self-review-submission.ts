// The self-review as submitted (POST /cycles/{id}/tasks/self-review), checked against the cycle's
// standards, and the standards the answers are saved against (self-review-answers.ts).
import { submissionFromAnswers, unknownStandardIds, unratedStandardIds } from '#core/self-review';
import type { Standard } from '#core/standards';
import { listAnswers } from '#commons/data/self-review-answers';
import { cycleStandards } from '#commons/helpers/networks';
import { getCycle } from '#commons/helpers/records';
import type { CycleRecord } from '#commons/helpers/records';
import { httpError } from '../http.ts';
import { refuse } from './stage-checks.ts';
import type { FieldIssue } from './stage-checks.ts';

/** The standards the cycle started with, if they were imported, with the cycle they were read through (so a caller needs no second read of it). */
const storedStandardsOf = async (cycleId: string, read?: CycleRecord): Promise<{ versionId: string; standards: Standard[]; cycle: CycleRecord } | undefined> => {
  const cycle = read ?? (await getCycle(cycleId));
  if (!cycle) throw httpError(404, 'CycleNotFound', `Cycle ${cycleId} does not exist`);
  const set = await cycleStandards(cycle);
  return set && { versionId: set.versionId, standards: set.standards, cycle };
};

/** The standards the cycle started with, or a 409 when they were never imported. */
const standardsOf = async (cycleId: string, read?: CycleRecord): Promise<{ versionId: string; standards: Standard[]; cycle: CycleRecord }> => {
  const set = await storedStandardsOf(cycleId, read);
  if (!set) throw httpError(409, 'StandardsNotFound', `The standards of cycle ${cycleId} are not stored; import the network's standards first`);
  return set;
};

/**
 * The self-review submission to record, checked against the cycle's standards: an unknown standard
 * id is a 400 naming it. With `fromSavedAnswers` the ratings are the saved answers' (with the
 * version of each submitted; comments and evidence stay in the answers), and every standard must be rated. A task no longer open is not checked (its answer is a
 * repeat or a 409), but the submission is built the same way so a repeat matches the first.
 * `cycle`: the cycle as the caller has just read it (no second read).
 */
const selfReviewSubmission = async (cycleId: string, submission: Record<string, unknown>, open: boolean, cycle?: CycleRecord): Promise<Record<string, unknown>> => {
  const ratings = (submission.ratings ?? {}) as Record<string, string>;
  const check = (issues: FieldIssue[]) => {
    if (open && issues.length > 0) refuse(issues);
  };
  if (!submission.fromSavedAnswers) {
    // A cycle started before its network's standards were imported has nothing to check against (as before).
    const stored = open ? await storedStandardsOf(cycleId, cycle) : undefined;
    if (stored) check(unknownStandardIds(Object.keys(ratings), stored.standards).map((id) => ({ field: `ratings.${id}`, message: `${id} is not a standard of this cycle` })));
    return submission;
  }
  const { standards } = await standardsOf(cycleId, cycle);
  check(Object.keys(ratings).length > 0 ? [{ field: 'ratings', message: 'leave out the ratings when submitting the saved answers (fromSavedAnswers)' }] : []);
  const known = new Set(standards.map((standard) => standard.id));
  const answers = (await listAnswers(cycleId)).filter((answer) => known.has(answer.standardId));
  check(unratedStandardIds(standards, answers).map((id) => ({ field: `answers.${id}`, message: `${id} has no rating (met, not met or not applicable)` })));
  const { fromSavedAnswers: _fromSavedAnswers, ...rest } = submission;
  return { ...rest, ...submissionFromAnswers(answers) };
};

export { selfReviewSubmission, standardsOf };
