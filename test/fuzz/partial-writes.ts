// After a fuzz (or a crash), checks the application table for half-done changes: every record
// and its audit event are written together, so a cycle without its enrolment event, a task
// without the event that opened it, or an event whose record is missing is a partial write.
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

type Item = Record<string, unknown>;

interface PartialWriteReport {
  cycles: number;
  tasks: number;
  auditEvents: number;
  /** One line per partial write found. */
  problems: string[];
}

/** Audit types that open a task: `awaiting-extension` when it opens already past its deadline. */
const OPENING_TYPES = new Set(['task-opened', 'awaiting-extension']);
/** The record an audit event in each kind of partition describes. */
const OWNER_SORT_KEY: Record<string, string> = { CYCLE: 'STATE', SERVICE: 'PROFILE', NETWORK: 'CONFIG' };

const scanAll = async (documents: DynamoDBDocumentClient, tableName: string): Promise<Item[]> => {
  const items: Item[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: startKey, ConsistentRead: true }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
};

const partitionProblems = (pk: string, items: Item[]): string[] => {
  const sortKeys = new Set(items.map((item) => String(item.sk)));
  const audit = items.filter((item) => String(item.sk).startsWith('AUDIT#'));
  const problems: string[] = [];
  const owner = OWNER_SORT_KEY[pk.split('#')[0]];
  if (owner && audit.length > 0 && !sortKeys.has(owner)) problems.push(`${pk}: ${audit.length} audit event(s) but no ${owner} record`);
  if (!pk.startsWith('CYCLE#')) return problems;
  if (sortKeys.has('STATE') && !audit.some((event) => event.type === 'cycle-enrolled')) problems.push(`${pk}: a cycle with no cycle-enrolled event`);
  for (const task of items.filter((item) => String(item.sk).startsWith('TASK#'))) {
    const stage = String(task.sk).slice('TASK#'.length);
    const opened = audit.some((event) => OPENING_TYPES.has(String(event.type)) && (event.detail as { stage?: unknown } | undefined)?.stage === stage);
    if (!opened) problems.push(`${pk}: task ${stage} with no task-opened event`);
  }
  return problems;
};

const checkPartialWrites = async (documents: DynamoDBDocumentClient, tableName: string): Promise<PartialWriteReport> => {
  const items = await scanAll(documents, tableName);
  const partitions = new Map<string, Item[]>();
  for (const item of items) {
    const partition = partitions.get(String(item.pk)) ?? [];
    partition.push(item);
    partitions.set(String(item.pk), partition);
  }
  return {
    cycles: items.filter((item) => String(item.pk).startsWith('CYCLE#') && item.sk === 'STATE').length,
    tasks: items.filter((item) => String(item.pk).startsWith('CYCLE#') && String(item.sk).startsWith('TASK#')).length,
    auditEvents: items.filter((item) => String(item.sk).startsWith('AUDIT#')).length,
    problems: [...partitions].flatMap(([pk, partition]) => partitionProblems(pk, partition)),
  };
};

export { checkPartialWrites };
export type { PartialWriteReport };
