// How a standards version is split for storage (issue 12, defect 9): every part under the chunk
// budget, so no item nears DynamoDB's 400 KB limit, and the parts joined give the set in file order.
import '../../../support/function-env.ts';
import { describe, expect, it } from 'vitest';
import { CHUNK_BYTES, chunksOf } from '#commons/data/standards';
import { StandardsLimits, type Standard } from '#core/standards';

const standard = (index: number, textLength: number, guidanceLength: number): Standard => ({
  id: `S${index}`,
  section: 'Section',
  type: 1,
  text: 'é'.repeat(textLength),
  guidance: 'g'.repeat(guidanceLength),
});

describe('Function: chunksOf', () => {
  it.each([
    ['a catalogue of a few hundred standards', 300, 150, 200, 1],
    ['10,000 standards at the field limits', 10_000, StandardsLimits.textCharacters, StandardsLimits.guidanceCharacters, undefined],
  ])('splits %s into parts under the budget, in order', (_case, count, textLength, guidanceLength, parts) => {
    // Prepare
    const standards = Array.from({ length: count }, (_unused, index) => standard(index, textLength, guidanceLength));

    // Act
    const chunks = chunksOf(standards);

    // Assess
    if (parts !== undefined) expect(chunks).toHaveLength(parts);
    expect(chunks.flat()).toEqual(standards);
    for (const chunk of chunks) expect(Buffer.byteLength(JSON.stringify(chunk))).toBeLessThanOrEqual(CHUNK_BYTES + chunk.length + 2);
  });
});
