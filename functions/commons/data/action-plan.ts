// A cycle's action plan (issue 13): the plan's header and its actions, in the cycle's partition
// (`ACTION_PLAN`, `ACTION#<actionId>`), so one Query reads the whole plan with its PDSA cycles
// (data/pdsa-cycle.ts). Every change is written with its audit event in one transaction.
//
// - Adding an action moves the header's `actionSeq` from the number the writer read: two people
//   accepting the same proposal at once cannot both commit, and the loser re-checks the plan.
// - Changing an action is conditional on the version the person started from (409 naming who and
//   when, as the self-review's answers), and never on the sweep's moves of its reminder date.
// - An open action (not started, in progress) carries GSI2 keys under its own partition, by next
//   reminder date, so the daily sweep reads only the actions it owes a reminder today.
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { array, gte, int, looseObject, number, optional, string, enum as zEnum } from '#core/zod-mini';
import type { z } from '#core/zod-mini';
import { ACTION_STATUSES } from '#core/action-plan';
import type { ActionStatus } from '#core/action-plan';
import { documentClient } from '../clients/dynamodb.ts';
import { tableName } from '../env.ts';
import { ActionPlanChangedError, StaleRecordError } from '../errors.ts';
import { isConditionalCheckFailure, transactionConditionFailures } from '../helpers/conditions.ts';
import {
  ACTION_PLAN_PREFIX,
  OPEN_ACTIONS_PARTITION,
  TableIndex,
  actionKey,
  actionPlanKey,
  actionPlansOfNetworkKeys,
  cycleKey,
  openActionKeys,
} from '../helpers/table-keys.ts';
import { AuditEventType, auditPut } from './audit.ts';
import { queryAll } from './query.ts';
import { parseOptionalRecord, parseRecords } from './record-schema.ts';
import { writeTransaction } from './transaction.ts';

/** Statuses in which an action still waits for someone, so is reminded. */
const OPEN_ACTION_STATUSES: ReadonlySet<ActionStatus> = new Set(['not-started', 'in-progress']);

const planHeaderSchema = looseObject({
  cycleId: string(),
  networkId: string(),
  serviceId: string(),
  serviceName: string(),
  actionSeq: number().check(int(), gte(0)),
  createdAt: string(),
  updatedAt: string(),
});
type ActionPlanHeader = z.output<typeof planHeaderSchema>;

const actionRecordSchema = looseObject({
  cycleId: string(),
  actionId: string(),
  title: string(),
  owner: string(),
  dueOn: string(),
  status: zEnum(ACTION_STATUSES),
  proposalIds: array(string()),
  standardIds: array(string()),
  /** The UK day the action was added: no reminder before it. */
  openedOn: string(),
  version: number().check(int(), gte(1)),
  createdBy: string(),
  createdAt: string(),
  updatedBy: string(),
  updatedAt: string(),
  nextReminderOn: optional(string()),
  pdsaSeq: optional(number().check(int(), gte(0))),
});
type ActionRecord = z.output<typeof actionRecordSchema>;

/** Who the plan belongs to: written on its header when the first action is added. */
interface PlanOwner {
  cycleId: string;
  networkId: string;
  serviceId: string;
  serviceName: string;
  organisationId?: string;
  cohortId: string;
}

interface NewActionRecord {
  actionId: string;
  title: string;
  owner: string;
  dueOn: string;
  status: ActionStatus;
  proposalIds: string[];
  standardIds: string[];
  openedOn: string;
  /** When the sweep first looks at it (#core/reminders firstReminderOn); absent for an action not open. */
  nextReminderOn?: string;
}

const isActionSk = (sk: string) => /^ACTION#[^#]+$/.test(sk);

/** The plan of a cycle: its header (absent until the first action) and its actions, with every other `ACTION…` item (PDSA cycles) as stored. */
const readActionPlanItems = async (cycleId: string) => {
  const items = await queryAll({
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': cycleKey(cycleId).pk, ':prefix': ACTION_PLAN_PREFIX },
    ConsistentRead: true,
  });
  const header = parseOptionalRecord('action plan', planHeaderSchema, items.find((item) => item.sk === actionPlanKey(cycleId).sk));
  const actions = parseRecords('action', actionRecordSchema, items.filter((item) => isActionSk(String(item.sk))));
  actions.sort((a, b) => actionNumber(a.actionId) - actionNumber(b.actionId));
  return { header, actions, items };
};

const actionNumber = (actionId: string) => Number(actionId.replace(/^A/, ''));
const actionIdOf = (seq: number) => `A${seq}`;

const reminderKeysOf = (cycleId: string, action: Pick<NewActionRecord, 'actionId' | 'status' | 'nextReminderOn'>) =>
  OPEN_ACTION_STATUSES.has(action.status) && action.nextReminderOn ? openActionKeys(action.nextReminderOn, cycleId, action.actionId) : {};

/**
 * Adds an action numbered after the plan's last (`A<n>`). `actionSeq` is the number the caller read
 * (undefined: no plan yet). Throws ActionPlanChangedError when another action was added meanwhile.
 */
const addAction = async (owner: PlanOwner, actionSeq: number | undefined, action: Omit<NewActionRecord, 'actionId'>, by: string, at: Date): Promise<ActionRecord> => {
  const { cycleId } = owner;
  const seq = (actionSeq ?? 0) + 1;
  const iso = at.toISOString();
  const record = { ...action, cycleId, actionId: actionIdOf(seq), version: 1, createdBy: by, createdAt: iso, updatedBy: by, updatedAt: iso, pdsaSeq: 0 };
  const header =
    actionSeq === undefined
      ? {
          Put: {
            TableName: tableName,
            Item: { ...actionPlanKey(cycleId), ...actionPlansOfNetworkKeys(owner.networkId, cycleId), itemType: 'action-plan', ...owner, actionSeq: seq, createdAt: iso, updatedAt: iso },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        }
      : {
          Update: {
            TableName: tableName,
            Key: actionPlanKey(cycleId),
            UpdateExpression: 'SET actionSeq = :seq, updatedAt = :at',
            ConditionExpression: 'actionSeq = :read',
            ExpressionAttributeValues: { ':seq': seq, ':read': actionSeq, ':at': iso },
          },
        };
  try {
    await writeTransaction({
      TransactItems: [
        header,
        { Put: { TableName: tableName, Item: { ...actionKey(cycleId, record.actionId), ...reminderKeysOf(cycleId, record), itemType: 'action', ...record }, ConditionExpression: 'attribute_not_exists(pk)' } },
        auditPut({
          entityPk: cycleKey(cycleId).pk,
          type: AuditEventType.actionAdded,
          at,
          actor: by,
          detail: { actionId: record.actionId, title: record.title, owner: record.owner, dueOn: record.dueOn, status: record.status, proposalIds: record.proposalIds, standardIds: record.standardIds },
        }),
      ],
    });
  } catch (error) {
    const failures = transactionConditionFailures(error);
    if (failures?.some((failure) => failure.index <= 1)) throw new ActionPlanChangedError(cycleId, { cause: error });
    throw error;
  }
  return actionRecordSchema.parse(record);
};

type ActionChanges = Partial<Pick<NewActionRecord, 'title' | 'owner' | 'dueOn' | 'status' | 'standardIds'>>;

/**
 * Changes an action as version `basedOnVersion + 1`. `nextReminderOn` is where the sweep looks at
 * it next (undefined: no longer open, so out of the sweep's index). Throws StaleRecordError naming
 * who saved in between.
 */
const updateAction = async (cycleId: string, current: ActionRecord, requested: ActionChanges, nextReminderOn: string | undefined, basedOnVersion: number, by: string, at: Date): Promise<ActionRecord> => {
  const changes = Object.fromEntries(Object.entries(requested).filter(([, value]) => value !== undefined)) as ActionChanges;
  const iso = at.toISOString();
  const updated = { ...current, ...changes, version: basedOnVersion + 1, updatedBy: by, updatedAt: iso, nextReminderOn };
  const keys = reminderKeysOf(cycleId, updated);
  const sets: Record<string, unknown> = { ...changes, version: updated.version, updatedBy: by, updatedAt: iso, ...(nextReminderOn ? { nextReminderOn } : {}), ...keys };
  const names = Object.fromEntries(Object.keys(sets).map((name) => [`#${name}`, name]));
  const removals = [...(nextReminderOn ? [] : ['nextReminderOn']), ...('gsi2pk' in keys ? [] : ['gsi2pk', 'gsi2sk'])];
  try {
    await writeTransaction({
      TransactItems: [
        {
          Update: {
            TableName: tableName,
            Key: actionKey(cycleId, current.actionId),
            UpdateExpression: `SET ${Object.keys(sets).map((name) => `#${name} = :${name}`).join(', ')}${removals.length > 0 ? ` REMOVE ${removals.join(', ')}` : ''}`,
            ConditionExpression: '#version = :based',
            ExpressionAttributeNames: { ...names, '#version': 'version' },
            ExpressionAttributeValues: { ...Object.fromEntries(Object.entries(sets).map(([name, value]) => [`:${name}`, value])), ':based': basedOnVersion },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
        auditPut({ entityPk: cycleKey(cycleId).pk, type: AuditEventType.actionUpdated, at, actor: by, detail: { actionId: current.actionId, changes, version: updated.version } }),
      ],
    });
  } catch (error) {
    const failure = transactionConditionFailures(error)?.find(({ index }) => index === 0);
    if (!failure) throw error;
    const stored = failure.oldItem;
    const found = stored ? { version: Number(stored.version), updatedBy: String(stored.updatedBy), updatedAt: String(stored.updatedAt) } : { version: 0, updatedBy: 'nobody', updatedAt: 'never' };
    throw new StaleRecordError(`Action ${current.actionId}`, found, { cause: error });
  }
  return actionRecordSchema.parse(updated);
};

/** The cycle ids of every plan in a network: keys only, so the index's projection does not matter. */
const actionPlanCyclesOf = async (networkId: string): Promise<string[]> =>
  (
    await queryAll({
      TableName: tableName,
      IndexName: TableIndex.byNetwork,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': actionPlansOfNetworkKeys(networkId, '').gsi1pk },
      ProjectionExpression: 'pk',
    })
  ).map((item) => String(item.pk).replace(/^CYCLE#/, ''));

interface DueActionRef {
  cycleId: string;
  actionId: string;
}

/**
 * Open actions whose next reminder date is on or before `today`. The key condition is a date range
 * of the open-actions partition, so the read grows with what is due, not with every open action.
 * Keys only: the sweep re-reads each action (the index is eventually consistent).
 */
const actionsDueBy = async (today: string): Promise<DueActionRef[]> =>
  (
    await queryAll({
      TableName: tableName,
      IndexName: TableIndex.openTasks,
      // '~' sorts after '#': `<today>~` takes in every key of today.
      KeyConditionExpression: 'gsi2pk = :open AND gsi2sk <= :through',
      ExpressionAttributeValues: { ':open': OPEN_ACTIONS_PARTITION, ':through': `${today}~` },
      ProjectionExpression: 'pk, sk',
    })
  ).map((item) => ({ cycleId: String(item.pk).replace(/^CYCLE#/, ''), actionId: String(item.sk).replace(/^ACTION#/, '') }));

/** One action, read consistently (the sweep acts on it). */
const getAction = async (cycleId: string, actionId: string): Promise<ActionRecord | undefined> => {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName, Key: actionKey(cycleId, actionId), ConsistentRead: true }));
  return parseOptionalRecord('action', actionRecordSchema, Item);
};

/**
 * The sweep moves an open action to its next reminder date. Conditional on the action being as the
 * sweep read it (same due date and still open): a change the service saved meanwhile set its own date.
 */
const moveActionReminder = async (action: ActionRecord, next: string): Promise<void> => {
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: actionKey(action.cycleId, action.actionId),
        UpdateExpression: 'SET nextReminderOn = :next, gsi2pk = :gsi2pk, gsi2sk = :gsi2sk',
        ConditionExpression: '#version = :version AND dueOn = :dueOn',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':next': next, ...prefixed(openActionKeys(next, action.cycleId, action.actionId)), ':version': action.version, ':dueOn': action.dueOn },
      }),
    );
  } catch (error) {
    if (!isConditionalCheckFailure(error)) throw error;
  }
};

const prefixed = (values: Record<string, string>) => Object.fromEntries(Object.entries(values).map(([name, value]) => [`:${name}`, value]));

export { OPEN_ACTION_STATUSES, actionPlanCyclesOf, actionRecordSchema, actionsDueBy, addAction, getAction, moveActionReminder, readActionPlanItems, updateAction };
export type { ActionChanges, ActionPlanHeader, ActionRecord, DueActionRef, NewActionRecord, PlanOwner };
