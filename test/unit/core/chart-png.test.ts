// The chart PNG an email carries (src/chart-png.ts): a valid PNG (signature, chunk CRCs, IHDR of the
// SVG's size, rows that inflate to width × height RGB) that shows the SVG's lines, marks and text.
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, renderChartPng } from '#core/chart-png';
import type { DataPoint, MeasureDefinition } from '#core/measure';
import { measureCharts } from '#core/measure-charts';

interface Chunk {
  type: string;
  data: Uint8Array;
  crcMatches: boolean;
}

const chunksOf = (png: Uint8Array): Chunk[] => {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks: Chunk[] = [];
  for (let offset = 8; offset < png.length; ) {
    const length = view.getUint32(offset);
    const type = new TextDecoder().decode(png.subarray(offset + 4, offset + 8));
    chunks.push({ type, data: png.subarray(offset + 8, offset + 8 + length), crcMatches: view.getUint32(offset + 8 + length) === crc32(png.subarray(offset + 4, offset + 8 + length)) });
    offset += 12 + length;
  }
  return chunks;
};

/** The RGB of pixel (x, y) of a PNG this module wrote (filter type 0 on every row). */
const pixelOf = (png: Uint8Array, x: number, y: number): number[] => {
  const chunks = chunksOf(png);
  const width = new DataView(chunks[0].data.buffer, chunks[0].data.byteOffset).getUint32(0);
  const rows = inflateSync(Buffer.concat(chunks.filter((chunk) => chunk.type === 'IDAT').map((chunk) => chunk.data)));
  const at = y * (width * 3 + 1) + 1 + x * 3;
  return [rows[at], rows[at + 1], rows[at + 2]];
};

const definition: MeasureDefinition = { name: 'Days to assessment', definition: 'Median days', kind: 'time', unit: 'days', improvement: 'decrease', target: 15 };
const points: DataPoint[] = [20, 22, 21, 23, 20, 22, 15, 14, 16, 15, 14, 13].map((value, index) => ({ on: `2025-${String(index + 1).padStart(2, '0')}-15`, value }));

describe('Function: renderChartPng', () => {
  it.each(['run', 'xmr'] as const)('writes the %s chart as a valid 720 × 360 truecolour PNG', (kind) => {
    // Prepare
    const svg = measureCharts(definition, points)![kind].svg;
    // Act
    const png = renderChartPng(svg);
    // Assess
    expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    const chunks = chunksOf(png);
    expect(chunks.map((chunk) => chunk.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(chunks.every((chunk) => chunk.crcMatches)).toBe(true);
    const header = new DataView(chunks[0].data.buffer, chunks[0].data.byteOffset);
    expect([header.getUint32(0), header.getUint32(4), ...chunks[0].data.subarray(8)]).toEqual([720, 360, 8, 2, 0, 0, 0]);
    expect(inflateSync(chunks[1].data).length).toBe(360 * (720 * 3 + 1));
  });

  it('draws what the SVG draws, where it draws it: background, a line, a filled mark', () => {
    // Prepare: a hand-written SVG in chart-svg.ts's vocabulary.
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><title>t</title><rect width="40" height="20" fill="#FFFFFF"/>' +
      '<line x1="0" x2="40" y1="5.5" y2="5.5" stroke="#005EB8" stroke-width="1"/><circle cx="30" cy="15" r="3" fill="#B45309" stroke="#B45309"><title>x</title></circle>' +
      '<text x="2" y="19" font-size="11" fill="#212B32">1</text></svg>';
    // Act
    const png = renderChartPng(svg);
    // Assess
    expect(pixelOf(png, 20, 0)).toEqual([255, 255, 255]);
    expect(pixelOf(png, 20, 5)).toEqual([0x00, 0x5e, 0xb8]);
    expect(pixelOf(png, 30, 15)).toEqual([0xb4, 0x53, 0x09]);
    expect(pixelOf(png, 10, 15)).toEqual([255, 255, 255]);
  });

  it('draws the chart’s text in its own colour (the icons’ letters, the labels)', () => {
    // Prepare
    const svg = '<svg width="30" height="20"><rect width="30" height="20" fill="#FFFFFF"/><text x="15" y="15" text-anchor="middle" font-size="14" font-weight="bold" fill="#005EB8">H</text></svg>';
    // Act
    const png = renderChartPng(svg);
    // Assess: some pixel in the letter's box is the full text colour.
    const box = Array.from({ length: 12 }, (_row, y) => Array.from({ length: 12 }, (_column, x) => pixelOf(png, 9 + x, 4 + y).join(','))).flat();
    expect(box).toContain([0x00, 0x5e, 0xb8].join(','));
  });
});
