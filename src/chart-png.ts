// A chart's SVG (chart-svg.ts) drawn again as a PNG, for email. Inline <svg> is stripped by Gmail and
// not drawn by Outlook for Windows (Word's engine), and an SVG file as an <img> is not shown by either;
// a PNG is shown by every mainstream client, so the email carries the PNG as an inline (cid:) part,
// with the SVG beside it as an ordinary attachment for reports. A Lambda has no browser, so this file
// rasterises the few elements chart-svg.ts writes (line, path of straight segments, rect, circle,
// text) with coverage-based anti-aliasing, and encodes the picture as an 8-bit RGB PNG (RFC 2083)
// with node:zlib. The PNG is the same picture as the SVG, not a second drawing of the chart.
import { deflateSync } from 'node:zlib';
import { CHART_FONT } from './chart-font.ts';
import type { BitmapFace } from './chart-font.ts';

type Rgb = readonly [number, number, number];

interface Canvas {
  width: number;
  height: number;
  /** RGB, row by row. */
  pixels: Uint8Array;
}

const parseColour = (value: string | undefined): Rgb | undefined => {
  const hex = /^#([0-9a-f]{6})$/i.exec(value ?? '')?.[1];
  return hex ? [parseInt(hex.slice(0, 2), 16), parseInt(hex.slice(2, 4), 16), parseInt(hex.slice(4, 6), 16)] : undefined;
};

/** Lays `colour` over one pixel with `alpha` (0–1) of coverage. */
const blend = (canvas: Canvas, x: number, y: number, colour: Rgb, alpha: number): void => {
  if (alpha <= 0 || x < 0 || y < 0 || x >= canvas.width || y >= canvas.height) return;
  const at = (y * canvas.width + x) * 3;
  const a = Math.min(1, alpha);
  for (let channel = 0; channel < 3; channel += 1) canvas.pixels[at + channel] = Math.round(canvas.pixels[at + channel] * (1 - a) + colour[channel] * a);
};

const distanceToSegment = (px: number, py: number, x1: number, y1: number, x2: number, y2: number): number => {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const lengthSquared = dx * dx + dy * dy;
  const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / lengthSquared));
  return Math.hypot(px - (x1 + t * dx), py - (y1 + t * dy));
};

/** A straight stroke: each pixel covered by how far its centre is inside half the width. */
const strokeSegment = (canvas: Canvas, x1: number, y1: number, x2: number, y2: number, width: number, colour: Rgb): void => {
  const half = width / 2;
  for (let y = Math.floor(Math.min(y1, y2) - half - 1); y <= Math.ceil(Math.max(y1, y2) + half + 1); y += 1) {
    for (let x = Math.floor(Math.min(x1, x2) - half - 1); x <= Math.ceil(Math.max(x1, x2) + half + 1); x += 1) {
      blend(canvas, x, y, colour, half + 0.5 - distanceToSegment(x + 0.5, y + 0.5, x1, y1, x2, y2));
    }
  }
};

/** A line with an SVG dash pattern ("6 4"): the dashes only. */
const strokeDashed = (canvas: Canvas, x1: number, y1: number, x2: number, y2: number, width: number, colour: Rgb, dashes: readonly number[]): void => {
  const length = Math.hypot(x2 - x1, y2 - y1);
  if (dashes.length === 0 || length === 0) return strokeSegment(canvas, x1, y1, x2, y2, width, colour);
  const at = (distance: number) => [x1 + ((x2 - x1) * distance) / length, y1 + ((y2 - y1) * distance) / length] as const;
  for (let start = 0, index = 0; start < length; index += 1) {
    const end = Math.min(length, start + dashes[index % dashes.length]);
    if (index % 2 === 0) strokeSegment(canvas, ...at(start), ...at(end), width, colour);
    start = end;
  }
};

const insidePolygon = (px: number, py: number, polygon: readonly (readonly [number, number])[]): boolean => {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i, i += 1) {
    const [xi, yi] = polygon[i];
    const [xj, yj] = polygon[j];
    if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
};

/** A filled polygon, 4×4 samples a pixel for its edges. */
const fillPolygon = (canvas: Canvas, polygon: readonly (readonly [number, number])[], colour: Rgb): void => {
  const xs = polygon.map(([x]) => x);
  const ys = polygon.map(([, y]) => y);
  for (let y = Math.floor(Math.min(...ys)); y <= Math.ceil(Math.max(...ys)); y += 1) {
    for (let x = Math.floor(Math.min(...xs)); x <= Math.ceil(Math.max(...xs)); x += 1) {
      let hits = 0;
      for (let sy = 0; sy < 4; sy += 1) for (let sx = 0; sx < 4; sx += 1) if (insidePolygon(x + (sx + 0.5) / 4, y + (sy + 0.5) / 4, polygon)) hits += 1;
      blend(canvas, x, y, colour, hits / 16);
    }
  }
};

/** An upright rectangle (the background, a square mark): each pixel covered by its overlap. */
const fillRect = (canvas: Canvas, x: number, y: number, width: number, height: number, colour: Rgb): void => {
  const overlap = (from: number, to: number, pixel: number) => Math.max(0, Math.min(to, pixel + 1) - Math.max(from, pixel));
  for (let row = Math.floor(y); row < Math.ceil(y + height); row += 1) {
    const vertical = overlap(y, y + height, row);
    for (let column = Math.floor(x); column < Math.ceil(x + width); column += 1) blend(canvas, column, row, colour, vertical * overlap(x, x + width, column));
  }
};

/** A disc of radius `outer`, less the disc of radius `inner` (a ring when stroked). */
const fillRing = (canvas: Canvas, cx: number, cy: number, outer: number, inner: number, colour: Rgb): void => {
  for (let y = Math.floor(cy - outer - 1); y <= Math.ceil(cy + outer + 1); y += 1) {
    for (let x = Math.floor(cx - outer - 1); x <= Math.ceil(cx + outer + 1); x += 1) {
      const distance = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
      blend(canvas, x, y, colour, Math.min(outer + 0.5 - distance, inner > 0 ? distance - inner + 0.5 : 1));
    }
  }
};

/** Typographic characters the bitmap font lacks, as their ASCII look-alikes. */
const ASCII_OF: Readonly<Record<string, string>> = { '’': "'", '‘': "'", '“': '"', '”': '"', '–': '-', '—': '-', '…': '...', '≥': '>=', '≤': '<=' };

const unescapeXml = (text: string): string =>
  text.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_match, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" })[name] ?? '');

const faceFor = (size: number, bold: boolean): BitmapFace => (bold ? (size >= 15 ? CHART_FONT.bold15 : CHART_FONT.bold14) : CHART_FONT.regular11);

/** Each glyph's offset into the face's levels, computed once per face. */
const glyphOffsets = new Map<BitmapFace, { offsets: number[]; levels: Uint8Array }>();
const glyphsOf = (face: BitmapFace) => {
  let glyphs = glyphOffsets.get(face);
  if (!glyphs) {
    const offsets: number[] = [];
    let offset = 0;
    for (const width of face.widths) {
      offsets.push(offset);
      offset += width * face.height;
    }
    glyphs = { offsets, levels: new Uint8Array(Buffer.from(face.levels, 'base64')) };
    glyphOffsets.set(face, glyphs);
  }
  return glyphs;
};

const drawText = (canvas: Canvas, raw: string, x: number, baseline: number, anchor: string, face: BitmapFace, colour: Rgb): void => {
  const codes = [...unescapeXml(raw)]
    .map((char) => ASCII_OF[char] ?? char)
    .join('')
    .split('')
    .map((char) => char.charCodeAt(0))
    .map((code) => (code >= 32 && code <= 126 ? code : 63));
  const width = codes.reduce((sum, code) => sum + face.widths[code - 32], 0);
  let pen = Math.round(anchor === 'end' ? x - width : anchor === 'middle' ? x - width / 2 : x);
  const top = Math.round(baseline) - face.ascent;
  const { offsets, levels } = glyphsOf(face);
  for (const code of codes) {
    const glyphWidth = face.widths[code - 32];
    const offset = offsets[code - 32];
    for (let row = 0; row < face.height; row += 1) {
      for (let column = 0; column < glyphWidth; column += 1) {
        const index = offset + row * glyphWidth + column;
        const level = (levels[index >> 2] >> ((index & 3) * 2)) & 3;
        if (level > 0) blend(canvas, pen + column, top + row, colour, level / 3);
      }
    }
    pen += glyphWidth;
  }
};

const attributesOf = (source: string): Record<string, string> => Object.fromEntries([...source.matchAll(/([\w-]+)="([^"]*)"/g)].map(([, name, value]) => [name, value]));

const numberOf = (attributes: Record<string, string>, name: string, fallback = 0): number => {
  const value = Number(attributes[name]);
  return Number.isFinite(value) && attributes[name] !== undefined ? value : fallback;
};

/** `M x y L x y … Z` (all chart-svg.ts writes) as points, and whether the path is closed. */
const pathPoints = (d: string): { points: [number, number][]; closed: boolean } => {
  const numbers = [...d.matchAll(/-?\d+(?:\.\d+)?/g)].map(([value]) => Number(value));
  const points: [number, number][] = [];
  for (let index = 0; index + 1 < numbers.length; index += 2) points.push([numbers[index], numbers[index + 1]]);
  return { points, closed: /z\s*$/i.test(d) };
};

const drawElement = (canvas: Canvas, tag: string, attributes: Record<string, string>, content: string): void => {
  const fill = attributes.fill === 'none' ? undefined : parseColour(attributes.fill ?? (tag === 'text' ? '#000000' : undefined));
  const stroke = parseColour(attributes.stroke);
  const strokeWidth = numberOf(attributes, 'stroke-width', 1);
  const dashes = (attributes['stroke-dasharray'] ?? '').split(/[\s,]+/).filter(Boolean).map(Number);
  if (tag === 'line' && stroke) {
    strokeDashed(canvas, numberOf(attributes, 'x1'), numberOf(attributes, 'y1'), numberOf(attributes, 'x2'), numberOf(attributes, 'y2'), strokeWidth, stroke, dashes);
  } else if (tag === 'rect') {
    const [x, y, w, h] = [numberOf(attributes, 'x'), numberOf(attributes, 'y'), numberOf(attributes, 'width'), numberOf(attributes, 'height')];
    const corners: [number, number][] = [[x, y], [x + w, y], [x + w, y + h], [x, y + h]];
    if (fill) fillRect(canvas, x, y, w, h, fill);
    if (stroke) corners.forEach((corner, index) => strokeSegment(canvas, ...corner, ...corners[(index + 1) % 4], strokeWidth, stroke));
  } else if (tag === 'circle') {
    const [cx, cy, r] = [numberOf(attributes, 'cx'), numberOf(attributes, 'cy'), numberOf(attributes, 'r')];
    if (fill) fillRing(canvas, cx, cy, r, 0, fill);
    if (stroke) fillRing(canvas, cx, cy, r + strokeWidth / 2, r - strokeWidth / 2, stroke);
  } else if (tag === 'path') {
    const { points, closed } = pathPoints(attributes.d ?? '');
    if (fill && closed) fillPolygon(canvas, points, fill);
    if (stroke) for (let index = 0; index + 1 < points.length + (closed ? 1 : 0); index += 1) strokeSegment(canvas, ...points[index], ...points[(index + 1) % points.length], strokeWidth, stroke);
  } else if (tag === 'text' && fill) {
    const face = faceFor(numberOf(attributes, 'font-size', 11), attributes['font-weight'] === 'bold');
    drawText(canvas, content, numberOf(attributes, 'x'), numberOf(attributes, 'y'), attributes['text-anchor'] ?? 'start', face, fill);
  }
};

const CRC_TABLE = Array.from({ length: 256 }, (_unused, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes: Uint8Array): number => {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

const chunk = (type: string, data: Uint8Array): Uint8Array => {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
};

const PNG_SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

/** The canvas as a PNG: 8-bit truecolour, no interlace, each row with filter type 0 (none). */
const encodePng = ({ width, height, pixels }: Canvas): Uint8Array => {
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = new Uint8Array(height * (width * 3 + 1));
  for (let y = 0; y < height; y += 1) rows.set(pixels.subarray(y * width * 3, (y + 1) * width * 3), y * (width * 3 + 1) + 1);
  const parts = [new Uint8Array(PNG_SIGNATURE), chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', new Uint8Array(0))];
  const png = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  parts.reduce((offset, part) => (png.set(part, offset), offset + part.length), 0);
  return png;
};

/**
 * The PNG of a chart SVG from chart-svg.ts, at its own pixel size. Elements are drawn in document
 * order, as SVG paints them; <title> and <desc> are words, not pixels (the email's alt text has them).
 */
const renderChartPng = (svg: string): Uint8Array => {
  const size = attributesOf(/<svg\b([^>]*)>/.exec(svg)?.[1] ?? '');
  const canvas: Canvas = { width: numberOf(size, 'width', 720), height: numberOf(size, 'height', 360), pixels: new Uint8Array(0) };
  canvas.pixels = new Uint8Array(canvas.width * canvas.height * 3).fill(255);
  const body = svg.replace(/<(title|desc)\b[^>]*>[\s\S]*?<\/\1>/g, '');
  for (const match of body.matchAll(/<(line|path|rect|circle|text)\b([^>]*?)\/?>(?:([^<]*)<\/text>)?/g)) {
    drawElement(canvas, match[1], attributesOf(match[2]), match[3] ?? '');
  }
  return encodePng(canvas);
};

export { crc32, renderChartPng };
