// Requests of the action plan and its PDSA cycles (issue 13). Named zod imports keep the bundle small.
import { array, enum as zEnum, number, object, optional, string } from 'zod';
import { ACTION_STATUSES } from '#core/action-plan';
import { ACT_DECISIONS } from '#core/pdsa';
import { idSchema, isoDateSchema } from './workflow.ts';

const personSchema = string().trim().min(1).max(200);
const textSchema = string().trim().min(1).max(4_000);
const standardIdsSchema = array(string().trim().min(1).max(80)).max(100);

const actionPathSchema = object({ cycleId: idSchema, actionId: string().regex(/^A[1-9][0-9]{0,5}$/, 'an action id such as A1') });
const pdsaPathSchema = actionPathSchema.extend({ pdsaId: string().regex(/^P[1-9][0-9]{0,5}$/, 'a PDSA cycle id such as P1'), phase: zEnum(['do', 'study', 'act']) });

/**
 * Accept one proposal (its title is kept unless another is given), merge several into one action
 * (a title is then needed), or add the service's own (no proposals, a title).
 */
const newActionSchema = object({
  proposalIds: array(string().min(1).max(120)).max(200).default([]),
  title: string().trim().min(1).max(500).optional(),
  owner: personSchema,
  dueOn: isoDateSchema,
  status: zEnum(ACTION_STATUSES).default('not-started'),
  standardIds: standardIdsSchema.optional(),
  addedBy: personSchema,
});

/** A change of an action; `basedOnVersion` is the version the person started from. */
const actionChangeSchema = object({
  title: string().trim().min(1).max(500).optional(),
  owner: personSchema.optional(),
  dueOn: optional(isoDateSchema),
  status: zEnum(ACTION_STATUSES).optional(),
  standardIds: standardIdsSchema.optional(),
  basedOnVersion: number().int().min(1),
  updatedBy: personSchema,
});

/** Plan: the change to try and what the team predicts will happen. `on` defaults to today. */
const pdsaPlanSchema = object({ changeIdea: textSchema, prediction: textSchema, on: optional(isoDateSchema), recordedBy: personSchema });

const phaseCommon = { on: optional(isoDateSchema), basedOnVersion: number().int().min(1), recordedBy: personSchema };
const pdsaPhaseSchemas = {
  do: object({ ...phaseCommon, whatHappened: textSchema }),
  study: object({ ...phaseCommon, comparedWithPrediction: textSchema }),
  act: object({ ...phaseCommon, decision: zEnum(ACT_DECISIONS), nextSteps: string().trim().max(4_000).optional() }),
} as const;

const actionPlansQuerySchema = object({ networkId: idSchema });

export { actionChangeSchema, actionPathSchema, actionPlansQuerySchema, newActionSchema, pdsaPathSchema, pdsaPhaseSchemas, pdsaPlanSchema };
