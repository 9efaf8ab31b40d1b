// An answer refused as late before anything of it is recorded (src/late-answers.ts): the task is
// closed as timed out (the workflow ended it) with the refusal's audit event, in one transaction.
// The trail then holds the refusal alone, never a "received" the workflow did not take, and a
// repeat finds the task closed and records nothing more.
import type { TaskRecord } from '../helpers/records.ts';
import { TaskStatus } from '#core/vocabulary';
import { AuditEventType } from './audit.ts';
import { writeTaskChange } from './task.ts';

const recordLateRefusal = (task: Pick<TaskRecord, 'cycleId' | 'stage' | 'tokenHash'>, actor: string, reason: string, at: Date) =>
  writeTaskChange(
    task,
    {
      // Out of the open-tasks index too: no reminder follows a step that has ended.
      UpdateExpression: 'SET #status = :timedOut REMOVE gsi2pk, gsi2sk',
      ConditionExpression: '#status = :open AND tokenHash = :tokenHash',
      ExpressionAttributeValues: { ':timedOut': TaskStatus.timedOut, ':open': TaskStatus.open, ':tokenHash': task.tokenHash },
    },
    { type: AuditEventType.lateSubmissionRefused, at, actor, detail: { stage: task.stage, tokenHash: task.tokenHash, reason } },
  );

export { recordLateRefusal };
