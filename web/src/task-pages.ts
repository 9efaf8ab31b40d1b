// Where each step is done in the web app: the cycle page links an open step to it. The step's email
// links to /cycles/{id}/tasks/{stage}, which routes to the same page (pages/task.ts); the peer
// ratings have a page of their own.
const TASK_PAGES: Readonly<Record<string, (cyclePath: string) => string>> = {
  'self-review': (cyclePath) => `${cyclePath}/tasks/self-review`,
  'peer-review-scheduling': (cyclePath) => `${cyclePath}/tasks/peer-review-scheduling`,
  'peer-ratings': (cyclePath) => `${cyclePath}/peer-ratings`,
  'factual-accuracy': (cyclePath) => `${cyclePath}/tasks/factual-accuracy`,
};

const cyclePathOf = (cycleId: string): string => `/cycles/${encodeURIComponent(cycleId)}`;

/** The page where `stage` is done on this cycle: its own, or the task page that routes the stage. */
const taskPageOf = (cycleId: string, stage: string): string =>
  TASK_PAGES[stage]?.(cyclePathOf(cycleId)) ?? `${cyclePathOf(cycleId)}/tasks/${encodeURIComponent(stage)}`;

export { taskPageOf };
