// Requests of the action plan and its PDSA cycles (issue 13). Named zod/mini imports keep the bundle small.
import { _default, array, extend, gte, int, maxLength, minLength, number, object, optional, regex, string, trim, enum as zEnum } from '#core/zod-mini';
import { ACTION_STATUSES } from '#core/action-plan';
import { ACT_DECISIONS } from '#core/pdsa';
import { idSchema, isoDateSchema } from './workflow.ts';

const personSchema = string().check(trim(), minLength(1), maxLength(200));
const textSchema = string().check(trim(), minLength(1), maxLength(4_000));
const standardIdsSchema = array(string().check(trim(), minLength(1), maxLength(80))).check(maxLength(100));

const actionPathSchema = object({ cycleId: idSchema, actionId: string().check(regex(/^A[1-9][0-9]{0,5}$/, 'an action id such as A1')) });
const pdsaPathSchema = extend(actionPathSchema, { pdsaId: string().check(regex(/^P[1-9][0-9]{0,5}$/, 'a PDSA cycle id such as P1')), phase: zEnum(['do', 'study', 'act']) });

/**
 * Accept one proposal (its title is kept unless another is given), merge several into one action
 * (a title is then needed), or add the service's own (no proposals, a title).
 */
const newActionSchema = object({
  proposalIds: _default(array(string().check(minLength(1), maxLength(120))).check(maxLength(200)), []),
  title: optional(string().check(trim(), minLength(1), maxLength(500))),
  owner: personSchema,
  dueOn: isoDateSchema,
  status: _default(zEnum(ACTION_STATUSES), 'not-started'),
  standardIds: optional(standardIdsSchema),
  addedBy: personSchema,
});

/** A change of an action; `basedOnVersion` is the version the person started from. */
const actionChangeSchema = object({
  title: optional(string().check(trim(), minLength(1), maxLength(500))),
  owner: optional(personSchema),
  dueOn: optional(isoDateSchema),
  status: optional(zEnum(ACTION_STATUSES)),
  standardIds: optional(standardIdsSchema),
  basedOnVersion: number().check(int(), gte(1)),
  updatedBy: personSchema,
});

/** Plan: the change to try and what the team predicts will happen. `on` defaults to today. */
const pdsaPlanSchema = object({ changeIdea: textSchema, prediction: textSchema, on: optional(isoDateSchema), recordedBy: personSchema });

const phaseCommon = { on: optional(isoDateSchema), basedOnVersion: number().check(int(), gte(1)), recordedBy: personSchema };
const pdsaPhaseSchemas = {
  do: object({ ...phaseCommon, whatHappened: textSchema }),
  study: object({ ...phaseCommon, comparedWithPrediction: textSchema }),
  act: object({ ...phaseCommon, decision: zEnum(ACT_DECISIONS), nextSteps: optional(string().check(trim(), maxLength(4_000))) }),
} as const;

const actionPlansQuerySchema = object({ networkId: idSchema });

export { actionChangeSchema, actionPathSchema, actionPlansQuerySchema, newActionSchema, pdsaPathSchema, pdsaPhaseSchemas, pdsaPlanSchema };
