// A service's measures, one item per measure under the cycle it follows up (`MEASURE#<measureId>`):
// the definition, the dated points and the chart's baseline and recalculations, so the measure page
// reads everything with one GetItem and every change is one conditional write on the version read,
// with its audit event in the same transaction (DESIGN §2: the trail never disagrees with the state).
//
// The points live in the item: at most MAX_POINTS (src/measure.ts, 3,650) of about 70 bytes each,
// well inside DynamoDB's 400 KB item limit, and a chart always needs all of them at once.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { DataPoint, MeasureDefinition } from '#core/measure';
import { documentClient } from '../clients/dynamodb.ts';
import { tableName } from '../env.ts';
import { transactionConditionFailures } from '../helpers/conditions.ts';
import { cycleKey } from '../helpers/table-keys.ts';
import { auditPut } from './audit.ts';
import type { AuditEventType } from './audit.ts';
import { queryAll } from './query.ts';
import { writeTransaction } from './transaction.ts';

const MEASURE_PREFIX = 'MEASURE#';
const measureKey = (cycleId: string, measureId: string) => ({ pk: cycleKey(cycleId).pk, sk: `${MEASURE_PREFIX}${measureId}` });

/** Who changed a chart's centre and limits, when and why: recorded because it changes what the chart says. */
interface ChartChange {
  reason: string;
  by: string;
  at: string;
}

interface MeasureRecord {
  cycleId: string;
  measureId: string;
  definition: MeasureDefinition;
  /** The action of the cycle's action plan this measure follows, when the service links one. */
  actionId?: string;
  points: DataPoint[];
  /** The baseline is frozen on the points up to and including this date. */
  baseline?: ChartChange & { throughOn: string };
  /** The limits recalculated from the first point on or after each date (a change in the process). */
  recalculations: (ChartChange & { fromOn: string })[];
  version: number;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
}

/** Another writer changed the measure since it was read (or it was created meanwhile). */
class MeasureChangedError extends Error {
  constructor(
    readonly measureId: string,
    options?: ErrorOptions,
  ) {
    super(`Measure ${measureId} was changed by someone else meanwhile`, options);
    this.name = 'MeasureChanged';
  }
}

const getMeasure = async (cycleId: string, measureId: string): Promise<MeasureRecord | undefined> => {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName, Key: measureKey(cycleId, measureId), ConsistentRead: true }));
  return Item as MeasureRecord | undefined;
};

/** Every measure of the cycle, without its points (a listing). */
const listMeasures = async (cycleId: string): Promise<Omit<MeasureRecord, 'points'>[]> =>
  (
    await queryAll({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': cycleKey(cycleId).pk, ':prefix': MEASURE_PREFIX },
      // DEFINITION is a DynamoDB reserved word: a projection names it through a placeholder.
      ProjectionExpression: 'cycleId, measureId, #definition, actionId, baseline, recalculations, version, createdAt, updatedAt, updatedBy',
      ExpressionAttributeNames: { '#definition': 'definition' },
    })
  ).map((item) => item as Omit<MeasureRecord, 'points'>);

/**
 * Every measure of the cycle with its points: what a follow-up cycle's self-review charts (the
 * previous cycle's measures, routes/last-review.ts). One Query of the cycle's partition.
 */
const measuresWithPoints = async (cycleId: string): Promise<MeasureRecord[]> =>
  (
    await queryAll({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': cycleKey(cycleId).pk, ':prefix': MEASURE_PREFIX },
    })
  ).map((item) => item as unknown as MeasureRecord);

/**
 * Writes `next` (whose version is the one read plus one) with its audit event, conditional on the
 * stored version still being the one read (none for a new measure). Throws MeasureChangedError when
 * someone else wrote first.
 */
const saveMeasure = async (next: MeasureRecord, event: { type: AuditEventType; actor: string; detail: Record<string, unknown> }): Promise<void> => {
  const basedOn = next.version - 1;
  try {
    await writeTransaction({
      TransactItems: [
        {
          Put: {
            TableName: tableName,
            Item: { ...measureKey(next.cycleId, next.measureId), itemType: 'measure', ...next },
            ConditionExpression: basedOn === 0 ? 'attribute_not_exists(pk)' : 'version = :based',
            ...(basedOn === 0 ? {} : { ExpressionAttributeValues: { ':based': basedOn } }),
          },
        },
        auditPut({ entityPk: cycleKey(next.cycleId).pk, type: event.type, at: new Date(next.updatedAt), actor: event.actor, detail: { measureId: next.measureId, ...event.detail } }),
      ],
    });
  } catch (error) {
    const failures = transactionConditionFailures(error);
    if (failures?.some(({ index }) => index === 0)) throw new MeasureChangedError(next.measureId, { cause: error });
    throw error;
  }
};

export { MeasureChangedError, getMeasure, listMeasures, measureKey, measuresWithPoints, saveMeasure };
export type { ChartChange, MeasureRecord };
