// Where each step is done in the web app, for the steps that have a page: the cycle page links an
// open step to it (the step's email links to /cycles/{id}/tasks/{stage}, which routes there too).
const TASK_PAGES: Readonly<Record<string, (cyclePath: string) => string>> = {
  'self-review': (cyclePath) => `${cyclePath}/tasks/self-review`,
  'peer-review-scheduling': (cyclePath) => `${cyclePath}/tasks/peer-review-scheduling`,
  'peer-ratings': (cyclePath) => `${cyclePath}/peer-ratings`,
  'factual-accuracy': (cyclePath) => `${cyclePath}/tasks/factual-accuracy`,
};

/** The page where `stage` is done on this cycle, or undefined when it has none yet. */
const taskPageOf = (cycleId: string, stage: string): string | undefined => TASK_PAGES[stage]?.(`/cycles/${encodeURIComponent(cycleId)}`);

export { taskPageOf };
