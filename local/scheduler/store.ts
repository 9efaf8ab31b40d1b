// Where schedules live: a DynamoDB table (DynamoDB Local: on disk under `npm start`, so schedules
// survive a restart), or memory for tests of the emulator alone. One item per schedule, keyed by
// group and name, holding the schedule as the API describes it plus when it last fired.
import { CreateTableCommand, DynamoDBClient, ResourceInUseException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';

interface ScheduleTarget {
  Arn: string;
  RoleArn: string;
  Input?: string;
  RetryPolicy?: { MaximumEventAgeInSeconds?: number; MaximumRetryAttempts?: number };
  /** Kept and reported; there is no SQS locally, so a given-up occurrence is logged with it. */
  DeadLetterConfig?: { Arn: string };
}

interface StoredSchedule {
  GroupName: string;
  Name: string;
  Arn: string;
  ScheduleExpression: string;
  ScheduleExpressionTimezone: string;
  State: 'ENABLED' | 'DISABLED';
  Description?: string;
  ActionAfterCompletion: 'NONE' | 'DELETE';
  FlexibleTimeWindow: { Mode: 'OFF' | 'FLEXIBLE'; MaximumWindowInMinutes?: number };
  Target: ScheduleTarget;
  CreationDate: string;
  LastModificationDate: string;
  /** The scheduled time of the last occurrence delivered (or given up on): never delivered twice. */
  lastScheduledTime?: string;
}

interface ScheduleStore {
  get(group: string, name: string): Promise<StoredSchedule | undefined>;
  /** Creates; false when a schedule of that name already exists in the group. */
  create(schedule: StoredSchedule): Promise<boolean>;
  put(schedule: StoredSchedule): Promise<void>;
  delete(group: string, name: string): Promise<boolean>;
  list(): Promise<StoredSchedule[]>;
  close(): Promise<void>;
}

const keyOf = (group: string, name: string) => `${group}/${name}`;

class MemoryScheduleStore implements ScheduleStore {
  private readonly schedules = new Map<string, StoredSchedule>();

  async get(group: string, name: string) {
    const found = this.schedules.get(keyOf(group, name));
    return found && structuredClone(found);
  }

  async create(schedule: StoredSchedule) {
    const key = keyOf(schedule.GroupName, schedule.Name);
    if (this.schedules.has(key)) return false;
    this.schedules.set(key, structuredClone(schedule));
    return true;
  }

  async put(schedule: StoredSchedule) {
    this.schedules.set(keyOf(schedule.GroupName, schedule.Name), structuredClone(schedule));
  }

  async delete(group: string, name: string) {
    return this.schedules.delete(keyOf(group, name));
  }

  async list() {
    return [...this.schedules.values()].map((schedule) => structuredClone(schedule));
  }

  async close() {}
}

/**
 * The emulator's own table. Listing scans it: this is the emulator's private store, holding a
 * handful of schedules, never the application's table (where scans are not allowed).
 */
class DynamoDbScheduleStore implements ScheduleStore {
  private constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  static async open(options: { endpoint: string; tableName: string; region?: string }): Promise<DynamoDbScheduleStore> {
    const raw = new DynamoDBClient({
      endpoint: options.endpoint,
      region: options.region ?? 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    try {
      await raw.send(
        new CreateTableCommand({
          TableName: options.tableName,
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
    }
    return new DynamoDbScheduleStore(DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } }), options.tableName);
  }

  async get(group: string, name: string) {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { id: keyOf(group, name) }, ConsistentRead: true }));
    return Item?.schedule as StoredSchedule | undefined;
  }

  async create(schedule: StoredSchedule) {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { id: keyOf(schedule.GroupName, schedule.Name), schedule },
          ConditionExpression: 'attribute_not_exists(id)',
        }),
      );
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  async put(schedule: StoredSchedule) {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { id: keyOf(schedule.GroupName, schedule.Name), schedule } }));
  }

  async delete(group: string, name: string) {
    const { Attributes } = await this.client.send(
      new DeleteCommand({ TableName: this.tableName, Key: { id: keyOf(group, name) }, ReturnValues: 'ALL_OLD' }),
    );
    return Attributes !== undefined;
  }

  async list() {
    const schedules: StoredSchedule[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(new ScanCommand({ TableName: this.tableName, ExclusiveStartKey, ConsistentRead: true }));
      schedules.push(...(page.Items ?? []).map((item) => item.schedule as StoredSchedule));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return schedules;
  }

  async close() {
    this.client.destroy();
  }
}

export { DynamoDbScheduleStore, MemoryScheduleStore };
export type { ScheduleStore, ScheduleTarget, StoredSchedule };
