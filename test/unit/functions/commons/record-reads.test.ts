// Issue 10, "zod-checked reads": a stored record that lacks what its type needs fails where it is
// read, naming the record and the field, not as a TypeError steps later.
import '../../../support/function-env.ts';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { StoredRecordInvalidError } from '#commons/errors';
import { cycleItems } from '#commons/data/cycle';
import { settledReminderIds } from '#commons/data/reminder';
import { servicesOfNetwork } from '#commons/data/service';
import { getAllocation, getCycle, getService, getTask } from '#commons/helpers/records';
import { cycleRecord, serviceRecord, taskRecord } from '../../../support/function-fixtures.ts';
import { CYCLE_ID, allocationRecord } from '../../../support/workflow-fixtures.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
const without = (item: object, field: string) => Object.fromEntries(Object.entries(item).filter(([key]) => key !== field));

describe('Function: checked reads of the data layer', () => {
  beforeEach(() => dynamo.reset());

  it.each([
    { record: 'cycle', item: without(cycleRecord(), 'status'), read: () => getCycle(CYCLE_ID), field: 'status' },
    { record: 'cycle', item: { ...cycleRecord(), contacts: { serviceLead: 'lead@example.org', committee: [] } }, read: () => getCycle(CYCLE_ID), field: 'contacts.serviceLead' },
    { record: 'task', item: { ...taskRecord(), status: 'lost' }, read: () => getTask(CYCLE_ID, 'self-review'), field: 'status' },
    { record: 'allocation', item: { ...allocationRecord(), acceptedBy: undefined }, read: () => getAllocation(CYCLE_ID), field: 'acceptedBy' },
    { record: 'service', item: without(serviceRecord(), 'leadEmail'), read: () => getService('svc-1'), field: 'leadEmail' },
  ])('a $record item without a valid $field is refused, naming both', async ({ record, item, read, field }) => {
    // Prepare
    dynamo.on(GetCommand).resolves({ Item: item });
    // Act
    const reading = read();
    // Assess
    await expect(reading).rejects.toThrow(StoredRecordInvalidError);
    await expect(read()).rejects.toThrow(new RegExp(`Stored ${record} .* at ${field.replace('.', '\\.')}:`));
  });

  it.each([
    { label: 'a reminder with an unknown status', items: [{ reminderId: 'before-7@2025-05-06', status: 'lost' }], read: () => settledReminderIds(CYCLE_ID, 'self-review'), pattern: /Stored reminder .* at status/ },
    { label: 'a service listing without its id', items: [{}], read: () => servicesOfNetwork('net'), pattern: /Stored service .* at serviceId/ },
    { label: 'a task in the cycle partition without its token hash', items: [{ ...without(taskRecord(), 'tokenHash'), pk: `CYCLE#${CYCLE_ID}`, sk: 'TASK#self-review' }], read: () => cycleItems(CYCLE_ID), pattern: /Stored task \(CYCLE#.*\/TASK#self-review\) record is invalid at tokenHash/ },
  ])('$label is refused', async ({ items, read, pattern }) => {
    // Prepare
    dynamo.on(QueryCommand).resolves({ Items: items });
    // Act
    const reading = read();
    // Assess
    await expect(reading).rejects.toThrow(pattern);
  });

  it('reads a valid record as stored, unknown attributes kept', async () => {
    // Prepare
    dynamo.on(GetCommand).resolves({ Item: { ...cycleRecord(), auditSeq: 7 } });
    // Act
    const cycle = await getCycle(CYCLE_ID);
    // Assess
    expect(cycle).toMatchObject({ ...cycleRecord(), auditSeq: 7 });
  });

  it('reads nothing as nothing', async () => {
    // Prepare
    dynamo.on(GetCommand).resolves({});
    // Act
    const task = await getTask(CYCLE_ID, 'self-review');
    // Assess
    expect(task).toBeUndefined();
  });
});
