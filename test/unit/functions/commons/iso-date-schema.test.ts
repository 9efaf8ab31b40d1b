import { describe, expect, it } from 'vitest';
import { isoDateSchema } from '#commons/schemas/workflow';

describe('Schema: isoDateSchema', () => {
  it.each(['2025-13-01', '12/01/2027', '2027-1-5'])('refuses %s, echoing it and naming the format YYYY-MM-DD', (value) => {
    // Act
    const result = isoDateSchema.safeParse(value);
    // Assess
    expect(result.error?.issues[0].message).toBe(`"${value}" is not a date: use YYYY-MM-DD`);
  });

  it('accepts a real calendar day', () => {
    // Act
    const result = isoDateSchema.safeParse('2027-01-12');
    // Assess
    expect(result.data).toBe('2027-01-12');
  });
});
