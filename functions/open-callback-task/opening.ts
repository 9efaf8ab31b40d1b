// The task record an opening of a human step stores, and whether the people concerned must be
// told: a new step, a new round of it, or its new deadline after an extension (issue 10, defect 5:
// that email announces the extension instead of saying the step "is open").
import { TaskPhase, TaskStatus } from '#core/vocabulary';
import type { TaskRecord } from '#commons/helpers/records';
import type { OpenCallbackTaskEvent } from '#commons/schemas/events';

const pendingStatuses: readonly string[] = [TaskStatus.open, TaskStatus.overdue];

/**
 * The deadline an extension replaced, when this opening is the step reopened by it: the previous
 * token recorded the extension to this very deadline. A retry of this opening (same token) finds
 * it on the stored task, so it announces the same thing.
 */
const extendedFromOf = (before: TaskRecord | undefined, event: OpenCallbackTaskEvent, tokenHash: string): string | undefined => {
  if (before?.tokenHash === tokenHash) return before.extendedFrom;
  return before && pendingStatuses.includes(before.status) && before.extendedTo === event.dueAt ? before.dueAt : undefined;
};

/**
 * Names the sending of this round's opening emails (data/email-once.ts). A step opened again while
 * still pending with the same deadline is the same round: a retry of the task state gets a new
 * token (Step Functions gives each attempt its own), as does a resumed execution. Keyed by the
 * round's first token, an attempt killed mid-sending is finished by the next one, not repeated
 * (a chaos run sent two reviewers their invitation twice when it was keyed by each token).
 */
const notifyKeyOf = (before: TaskRecord | undefined, event: OpenCallbackTaskEvent, tokenHash: string): string => {
  if (before?.tokenHash === tokenHash) return before.notifyKey ?? tokenHash;
  const sameRound = before !== undefined && pendingStatuses.includes(before.status) && before.dueAt === event.dueAt;
  return sameRound ? (before.notifyKey ?? before.tokenHash) : tokenHash;
};

const taskOf = (event: OpenCallbackTaskEvent, before: TaskRecord | undefined, tokenHash: string, at: Date): TaskRecord => {
  const overdue = event.phase === TaskPhase.overdue;
  const extendedFrom = overdue ? undefined : extendedFromOf(before, event, tokenHash);
  return {
    cycleId: event.cycleId,
    stage: event.stage,
    status: overdue ? TaskStatus.overdue : TaskStatus.open,
    phase: event.phase,
    token: event.taskToken,
    tokenHash,
    executionArn: event.executionArn,
    dueAt: event.dueAt,
    openedAt: overdue && before ? before.openedAt : at.toISOString(),
    ...(overdue && before?.notifiedDueAt ? { notifiedDueAt: before.notifiedDueAt } : {}),
    ...(extendedFrom ? { extendedFrom } : {}),
    notifyKey: notifyKeyOf(before, event, tokenHash),
  };
};

/**
 * Whether the people concerned were already told of this very step: a Lambda retry, or a resumed
 * execution reopening a step still pending with the same deadline. A new round of the step (after
 * it was answered: a rebooking, a second decision) or a new deadline (an extension) is news.
 */
const alreadyNotified = (before: TaskRecord | undefined, event: OpenCallbackTaskEvent): boolean =>
  before !== undefined && pendingStatuses.includes(before.status) && before.notifiedDueAt === event.dueAt;

export { alreadyNotified, taskOf };
