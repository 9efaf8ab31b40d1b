// A local Step Functions runtime in a process of its own, on a DynamoDB store, whose Lambda
// tasks either record what they were given (and return it) or never return: a crash test
// SIGKILLs it while a chosen task is in flight, so the next start finds that task to redo.
//   DYNAMODB_ENDPOINT, SFN_TABLE   the runtime's store
//   EFFECTS_TABLE                  where a returning task records its payload (pk execution, sk step)
//   STALL_FUNCTIONS                comma-separated function names whose tasks never return
//   CLOCK_START_AT                 the manual clock's start, the first time the store is used
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { startLocalStepFunctions } from '../../local/stepfunctions/index.ts';

const endpoint = process.env.DYNAMODB_ENDPOINT as string;
const effectsTable = process.env.EFFECTS_TABLE;
const stalled = new Set((process.env.STALL_FUNCTIONS ?? '').split(',').filter(Boolean));
const documents = DynamoDBDocumentClient.from(
  new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
);

/** `arn:aws:lambda:<region>:<account>:function:<name>` or a bare name. */
const nameOf = (functionName: string) => functionName.split(':')[6] ?? functionName;

const runtime = await startLocalStepFunctions({
  port: 0,
  store: { kind: 'dynamodb', endpoint, tableName: process.env.SFN_TABLE as string },
  clock: { kind: 'manual', startAt: new Date(process.env.CLOCK_START_AT || '2026-01-05T09:00:00.000Z') },
  invokeLambda: async (functionName, payload) => {
    if (stalled.has(nameOf(functionName))) return new Promise(() => {});
    const { execution = 'none', step = nameOf(functionName) } = payload as { execution?: string; step?: string };
    if (effectsTable) await documents.send(new PutCommand({ TableName: effectsTable, Item: { pk: execution, sk: step, payload } }));
    return payload;
  },
});

process.stdout.write(`READY ${runtime.endpoint} ${runtime.resumed}\n`);
