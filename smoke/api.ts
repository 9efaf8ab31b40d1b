// The smoke walk's HTTP calls: one JSON request as a given group, and polling with a deadline.
import type { Identity, SmokeTarget } from './target.ts';

interface ApiAnswer<T = Record<string, unknown>> {
  status: number;
  body: T;
}

const call = async <T = Record<string, unknown>>(target: SmokeTarget, who: Identity, method: string, path: string, body?: unknown): Promise<ApiAnswer<T>> => {
  const response = await fetch(`${target.api}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(await target.headersFor(who)) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = {};
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    parsed = { text };
  }
  return { status: response.status, body: parsed as T };
};

/** Fails with the answer's status and body, so the output says what the API refused. */
const expectStatus = <T>(answer: ApiAnswer<T>, expected: readonly number[], what: string): ApiAnswer<T> => {
  if (!expected.includes(answer.status)) throw new Error(`${what}: HTTP ${answer.status} ${JSON.stringify(answer.body).slice(0, 400)}`);
  return answer;
};

/** Polls `probe` until it returns a value, or fails at the deadline (a real stage answers slower than the local one). */
const poll = async <T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

export { call, expectStatus, poll };
export type { ApiAnswer };
