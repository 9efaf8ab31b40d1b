// "Send this email once": the emails go out, then the record says so with a conditional update.
// Marked after sending, so a crash in between repeats an email rather than losing it; a condition
// that fails means another attempt marked it first, which is fine.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../clients/dynamodb.ts';
import { tableName } from '../env.ts';
import { isConditionalCheckFailure } from '../helpers/conditions.ts';
import { sendTemplatedEmail } from '../helpers/emails.ts';
import type { TemplatedEmail } from '../helpers/emails.ts';

interface SentMark {
  Key: { pk: string; sk: string };
  UpdateExpression: string;
  /** Holds only while no other attempt has marked the same sending. */
  ConditionExpression: string;
  ExpressionAttributeValues: Record<string, unknown>;
}

const sendOnce = async (emails: readonly TemplatedEmail[], mark: SentMark): Promise<void> => {
  for (const email of emails) {
    if (email.to.length > 0) await sendTemplatedEmail(email);
  }
  try {
    await documentClient.send(new UpdateCommand({ TableName: tableName, ...mark }));
  } catch (error) {
    if (!isConditionalCheckFailure(error)) throw error;
  }
};

export { sendOnce };
export type { SentMark };
