// A resume of a cycle in a new execution, as records: what the cycle's records hold (for the
// core's judgement of where it can resume, src/resume.ts), and the resume itself, written in one
// transaction with its audit event and its two hand-overs (start the new execution, then stop the
// old one), so a crash half-way is finished by the relay and never leaves the cycle without an
// execution.
import type { ResumeRecords } from '#core/resume';
import { CallbackStage, CycleStatus, TaskStatus } from '#core/vocabulary';
import { tableName } from '../env.ts';
import { getAllocation, getReport, getTask } from '../helpers/records.ts';
import type { CycleRecord, LastResume, TaskRecord } from '../helpers/records.ts';
import { cycleKey, taskKey } from '../helpers/table-keys.ts';
import { AuditEventType, auditPut } from './audit.ts';
import { writeTransaction } from './transaction.ts';
import type { TransactItem } from './transaction.ts';

/** The records a resume depends on, read as the stages that use them read them. */
const resumeRecordsOf = async (cycle: CycleRecord): Promise<ResumeRecords> => {
  const [allocation, peerRatings, report] = await Promise.all([
    getAllocation(cycle.cycleId),
    getTask(cycle.cycleId, CallbackStage.peerRatings),
    getReport(cycle.cycleId),
  ]);
  return {
    allocation: !allocation ? 'none' : allocation.date && allocation.team.length > 0 ? 'dated' : 'attempted',
    peerRatingsSubmitted: peerRatings?.submission !== undefined,
    draftReport: report !== undefined,
    ...(cycle.decision ? { decision: cycle.decision } : {}),
  };
};

/** Index of the cycle's update in the transaction: its refusal means another resume (or a withdrawal) came first. */
const ResumeItem = { cycle: 0 } as const;

interface NewResume {
  cycle: CycleRecord;
  /** The last resume as read (none: never resumed): a concurrent resume changes it, and this one is refused. */
  previousResumeArn: string | undefined;
  resume: LastResume;
  actor: string;
  at: Date;
  /** The start and the stop, as hand-overs (the stop made to wait for the start). */
  handOvers: readonly TransactItem[];
  /** The old execution's pending task at another stage than the resume's: nobody owes it any more. */
  abandonedTask?: Pick<TaskRecord, 'cycleId' | 'stage' | 'tokenHash'>;
}

/**
 * Recorded only while the cycle is still driven by the execution it resumes from and no other
 * resume was recorded since it was read: of concurrent resumes, one is recorded.
 */
const recordResume = async ({ cycle, previousResumeArn, resume, actor, at, handOvers, abandonedTask }: NewResume): Promise<void> => {
  const key = cycleKey(cycle.cycleId);
  const unchangedResume = previousResumeArn === undefined ? 'attribute_not_exists(lastResume)' : 'lastResume.executionArn = :previousResume';
  const items: TransactItem[] = [
    {
      Update: {
        TableName: tableName,
        Key: key,
        UpdateExpression: 'SET lastResume = :resume, updatedAt = :at',
        ConditionExpression: `executionArn = :from AND #status <> :withdrawn AND ${unchangedResume}`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':resume': resume,
          ':at': at.toISOString(),
          ':from': resume.fromExecutionArn,
          ':withdrawn': CycleStatus.withdrawn,
          ...(previousResumeArn === undefined ? {} : { ':previousResume': previousResumeArn }),
        },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    },
    auditPut({ entityPk: key.pk, type: AuditEventType.resumeRequested, at, actor, detail: { ...resume } }),
    ...handOvers,
  ];
  if (abandonedTask) {
    items.push({
      Update: {
        TableName: tableName,
        Key: taskKey(abandonedTask.cycleId, abandonedTask.stage),
        // Out of the open-tasks index: no reminder or escalation for a step the cycle left.
        UpdateExpression: 'SET #status = :superseded REMOVE gsi2pk, gsi2sk',
        ConditionExpression: 'tokenHash = :tokenHash',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':superseded': TaskStatus.superseded, ':tokenHash': abandonedTask.tokenHash },
      },
    });
  }
  await writeTransaction({ TransactItems: items });
};

export { recordResume, ResumeItem, resumeRecordsOf };
export type { NewResume };
