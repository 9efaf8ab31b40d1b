// The driver's HTTP calls to the API, across kills: a request cut by a kill (connection refused
// or reset, or a 5xx while the stack was dying) is sent again once the stack is back. Only
// requests that are safe to repeat go through `call`: the API answers a repeated submission,
// enrolment, launch or acceptance with the first one's result.
import type { ChaosStack } from './stack.ts';

interface ApiResponse<T = Record<string, any>> {
  status: number;
  body: T;
}

interface ClientCounters {
  /** Requests sent again because a kill cut them. */
  retriedAfterKill: number;
  /** 5xx answers from a stack that was up (not cut by a kill). */
  serverErrors: number;
  /** The last 5xx answers, for the report. */
  serverErrorSamples: string[];
}

/** Long enough for a clock advance over weeks of a cohort's timers on a loaded machine. */
const REQUEST_TIMEOUT_MS = 600_000;
const MAX_ATTEMPTS = 20;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const send = async (baseUrl: string, method: string, path: string, body: unknown): Promise<ApiResponse> => {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  let parsed: Record<string, any> = {};
  try {
    parsed = text ? (JSON.parse(text) as Record<string, any>) : {};
  } catch {
    parsed = { text };
  }
  return { status: response.status, body: parsed };
};

const createApiClient = (stack: ChaosStack) => {
  const counters: ClientCounters = { retriedAfterKill: 0, serverErrors: 0, serverErrorSamples: [] };

  /** A repeatable request: sent until it gets an answer that is not a kill's doing. */
  const call = async <T = Record<string, any>>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> => {
    for (let attempt = 1; ; attempt += 1) {
      await stack.whenUp();
      const generation = stack.generation();
      const cutByKill = () => !stack.isUp() || stack.generation() !== generation;
      try {
        const response = await send(stack.urls().api, method, path, body);
        if (response.status < 500) return response as ApiResponse<T>;
        if (cutByKill()) {
          counters.retriedAfterKill += 1;
          continue;
        }
        counters.serverErrors += 1;
        counters.serverErrorSamples = [...counters.serverErrorSamples, `${method} ${path}: ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`].slice(-10);
        if (attempt >= MAX_ATTEMPTS) return response as ApiResponse<T>;
      } catch (error) {
        if (cutByKill()) {
          counters.retriedAfterKill += 1;
          continue;
        }
        if (attempt >= MAX_ATTEMPTS) throw error;
      }
      await sleep(Math.min(200 * attempt, 2_000));
    }
  };

  /** A request that must not be repeated blindly (a relative clock advance): undefined if a kill cut it. */
  const once = async <T = Record<string, any>>(method: string, path: string, body?: unknown): Promise<ApiResponse<T> | undefined> => {
    await stack.whenUp();
    const generation = stack.generation();
    try {
      return (await send(stack.urls().api, method, path, body)) as ApiResponse<T>;
    } catch (error) {
      if (!stack.isUp() || stack.generation() !== generation) return undefined;
      throw error;
    }
  };

  return { call, once, counters, generation: () => stack.generation() };
};

type ApiClient = ReturnType<typeof createApiClient>;

export { createApiClient };
export type { ApiClient, ApiResponse, ClientCounters };
