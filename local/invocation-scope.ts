// Which Lambda invocation the code running now belongs to, for tools that attribute work to it
// (the cycle bench splits its DynamoDB requests by invocation: bench/cycle.bench.ts). Locally every
// handler runs in this one process, so the scope is carried by AsyncLocalStorage; the handlers
// never read it.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

interface Invocation {
  /** Tells two invocations of the same function apart. */
  id: string;
  functionName: string;
  /** What the invocation was for: the workflow's stage, or the API request's method and path. */
  detail: string;
}

const invocationScope = new AsyncLocalStorage<Invocation>();

const detailOf = (event: unknown): string => {
  const fields = (event ?? {}) as { stage?: unknown; phase?: unknown; requestContext?: { http?: { method?: string; path?: string } }; Records?: unknown[] };
  if (fields.requestContext?.http) return `${fields.requestContext.http.method} ${fields.requestContext.http.path}`;
  if (typeof fields.stage === 'string') return [fields.stage, typeof fields.phase === 'string' ? fields.phase : ''].filter(Boolean).join(' ');
  if (Array.isArray(fields.Records)) return `${fields.Records.length} record(s)`;
  return '';
};

/** Runs one invocation of `functionName` on `event` inside its scope. */
const inInvocation = <T>(functionName: string, event: unknown, run: () => Promise<T>): Promise<T> =>
  invocationScope.run({ id: randomUUID(), functionName, detail: detailOf(event) }, run);

/** The invocation the caller runs in, if any. */
const currentInvocation = (): Invocation | undefined => invocationScope.getStore();

export { currentInvocation, inInvocation };
export type { Invocation };
