// The JSONata entry point: each expression text is parsed once however often a loop evaluates it.
import { describe, expect, it, vi } from 'vitest';

const parsed = vi.hoisted(() => ({ count: 0 }));
vi.mock('jsonata', async (importOriginal) => {
  const original = (await importOriginal<{ default: (source: string) => unknown }>()).default;
  return {
    default: (source: string) => {
      parsed.count += 1;
      return original(source);
    },
  };
});

const { evaluateExpression } = await import('#sfn-local/jsonata');

const scope = (i: number) => ({
  variables: { i },
  states: { input: {} },
  nowMs: () => 0,
  random: () => 0.5,
  field: 'Assign/i',
  stateName: 'Increment',
  enteredEventId: 2,
});

describe('Function: evaluateExpression', () => {
  it('parses an expression once, however often it is evaluated', async () => {
    // Prepare
    const before = parsed.count;
    // Act
    const results: unknown[] = [];
    for (let i = 0; i < 50; i += 1) results.push(await evaluateExpression('{% $i + 1 %}', scope(i)));
    // Assess
    expect(results.at(-1)).toBe(50);
    expect(parsed.count - before).toBe(1);
  });

  it('binds the clock only where an expression names it', async () => {
    // Prepare
    const clock = { ...scope(0), nowMs: vi.fn(() => Date.UTC(2026, 0, 5)) };
    // Act
    const plain = await evaluateExpression('{% $i %}', clock);
    const now = await evaluateExpression('{% $now() %}', clock);
    // Assess
    expect(plain).toBe(0);
    expect(now).toBe('2026-01-05T00:00:00.000Z');
    expect(clock.nowMs).toHaveBeenCalledTimes(1);
  });
});
