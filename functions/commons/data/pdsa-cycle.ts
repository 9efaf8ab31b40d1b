// The PDSA cycles under an action (issue 13), one item each (`ACTION#<actionId>#PDSA#<0001>`), read
// with the rest of the plan (data/action-plan.ts). Planning a cycle moves the action's `pdsaSeq` from
// the number the writer read, so two cycles planned at once get different numbers; each later phase
// (do, study, act) is written once, conditional on the version the person started from. Every write
// carries its audit event in the same transaction.
import { gte, int, looseObject, number, object, optional, string, enum as zEnum } from '#core/zod-mini';
import type { z } from '#core/zod-mini';
import { ACT_DECISIONS } from '#core/pdsa';
import type { PdsaCycle, PdsaPhase } from '#core/pdsa';
import { tableName } from '../env.ts';
import { PdsaNumberTakenError, StaleRecordError } from '../errors.ts';
import { transactionConditionFailures } from '../helpers/conditions.ts';
import { actionKey, cycleKey, pdsaKey, pdsaPrefix } from '../helpers/table-keys.ts';
import { AuditEventType, auditPut } from './audit.ts';
import { parseRecords } from './record-schema.ts';
import { writeTransaction } from './transaction.ts';

const pdsaRecordSchema = looseObject({
  cycleId: string(),
  actionId: string(),
  id: string(),
  plan: object({ on: string(), changeIdea: string(), prediction: string() }),
  do: optional(object({ on: string(), whatHappened: string() })),
  study: optional(object({ on: string(), comparedWithPrediction: string() })),
  act: optional(object({ on: string(), decision: zEnum(ACT_DECISIONS), nextSteps: optional(string()) })),
  version: number().check(int(), gte(1)),
  updatedBy: string(),
  updatedAt: string(),
});
type PdsaRecord = z.output<typeof pdsaRecordSchema> & PdsaCycle;

/** The PDSA items among a plan's items (data/action-plan.ts readActionPlanItems), by action. */
const pdsaCyclesOf = (items: readonly Record<string, unknown>[], actionId: string): PdsaRecord[] =>
  parseRecords('PDSA cycle', pdsaRecordSchema, items.filter((item) => String(item.sk).startsWith(pdsaPrefix(actionId)))) as PdsaRecord[];

/** Plans cycle number `pdsaSeq + 1` under the action (`pdsaSeq`: the number the caller read). */
const planPdsaCycle = async (cycleId: string, actionId: string, pdsaSeq: number, plan: PdsaCycle['plan'], by: string, at: Date): Promise<PdsaRecord> => {
  const next = pdsaSeq + 1;
  const record = { cycleId, actionId, id: `P${next}`, plan, version: 1, updatedBy: by, updatedAt: at.toISOString() };
  try {
    await writeTransaction({
      TransactItems: [
        {
          Update: {
            TableName: tableName,
            Key: actionKey(cycleId, actionId),
            UpdateExpression: 'SET pdsaSeq = :next',
            ConditionExpression: 'attribute_exists(pk) AND (pdsaSeq = :read OR (attribute_not_exists(pdsaSeq) AND :read = :zero))',
            ExpressionAttributeValues: { ':next': next, ':read': pdsaSeq, ':zero': 0 },
          },
        },
        { Put: { TableName: tableName, Item: { ...pdsaKey(cycleId, actionId, next), itemType: 'pdsa-cycle', ...record }, ConditionExpression: 'attribute_not_exists(pk)' } },
        auditPut({ entityPk: cycleKey(cycleId).pk, type: AuditEventType.pdsaPlanned, at, actor: by, detail: { actionId, pdsaId: record.id, ...plan } }),
      ],
    });
  } catch (error) {
    if (transactionConditionFailures(error)?.some(({ index }) => index <= 1)) throw new PdsaNumberTakenError(actionId, { cause: error });
    throw error;
  }
  return record;
};

type LaterPhase = Exclude<PdsaPhase, 'plan'>;
type PhaseEntry<P extends LaterPhase> = NonNullable<PdsaCycle[P]>;

/** Records a phase once, as version `basedOnVersion + 1`; StaleRecordError names who saved in between. */
const recordPdsaPhase = async <P extends LaterPhase>(current: PdsaRecord, phase: P, entry: PhaseEntry<P>, basedOnVersion: number, by: string, at: Date): Promise<PdsaRecord> => {
  const iso = at.toISOString();
  const number = Number(current.id.replace(/^P/, ''));
  try {
    await writeTransaction({
      TransactItems: [
        {
          Update: {
            TableName: tableName,
            Key: pdsaKey(current.cycleId, current.actionId, number),
            UpdateExpression: 'SET #phase = :entry, #version = :next, updatedBy = :by, updatedAt = :at',
            ConditionExpression: '#version = :based AND attribute_not_exists(#phase)',
            ExpressionAttributeNames: { '#phase': phase, '#version': 'version' },
            ExpressionAttributeValues: { ':entry': entry, ':next': basedOnVersion + 1, ':based': basedOnVersion, ':by': by, ':at': iso },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
        auditPut({ entityPk: cycleKey(current.cycleId).pk, type: AuditEventType.pdsaPhaseRecorded, at, actor: by, detail: { actionId: current.actionId, pdsaId: current.id, phase, ...entry } }),
      ],
    });
  } catch (error) {
    const failure = transactionConditionFailures(error)?.find(({ index }) => index === 0);
    if (!failure) throw error;
    const stored = failure.oldItem;
    const found = stored ? { version: Number(stored.version), updatedBy: String(stored.updatedBy), updatedAt: String(stored.updatedAt) } : { version: 0, updatedBy: 'nobody', updatedAt: 'never' };
    throw new StaleRecordError(`PDSA cycle ${current.id} of action ${current.actionId}`, found, { cause: error });
  }
  return { ...current, [phase]: entry, version: basedOnVersion + 1, updatedBy: by, updatedAt: iso };
};

export { pdsaCyclesOf, planPdsaCycle, recordPdsaPhase };
export type { LaterPhase, PdsaRecord };
