// This file imports zod/mini alone (no classic `zod`, which registers English itself), as a Lambda
// bundle on zod/mini does: its messages must still be zod's English ones, which the API and the
// stored-record errors pass on.
import { describe, expect, it } from 'vitest';
import { int, maxLength, minLength, number, object, optional, safeParse, string } from '#core/zod-mini';

describe('Module: #core/zod-mini', () => {
  it.each([
    ['a string too short', string().check(minLength(2)), 'a', 'Too small: expected string to have >=2 characters'],
    ['a string too long', string().check(maxLength(3)), 'abcd', 'Too big: expected string to have <=3 characters'],
    ['a missing field', object({ id: string() }), {}, 'Invalid input: expected string, received undefined'],
    ['a fraction for a count', object({ n: optional(number().check(int())) }), { n: 1.5 }, 'Invalid input: expected int, received number'],
  ])('words %s as zod does in English', (_case, schema, value, message) => {
    // Act
    const result = safeParse(schema, value);
    // Assess
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(message);
  });
});
