import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { StandardsImportError } from '#core/errors';
import { loadNetwork } from '#core/load-network';
import { countByType, parseStandardsCsv } from '#core/standards';

const issuesOf = (text: string) => {
  try {
    parseStandardsCsv(text, 'standards.csv');
  } catch (error) {
    if (error instanceof StandardsImportError) return error.issues;
    throw error;
  }
  throw new Error('expected the CSV to be rejected');
};

const GOOD = [
  'id,section,type,text,guidance',
  '1.1,Safety,1,Resuscitation equipment is checked weekly.,Check the log',
  '1.2,Safety,2,"Staff carry alarms, tested monthly.",',
  '2.1,Involvement,3,Patients help recruit staff.,',
].join('\n');

describe('Function: parseStandardsCsv', () => {
  it('parses rows, keeps quoted commas and drops empty guidance', () => {
    // Act
    const set = parseStandardsCsv(GOOD, 'standards.csv', { version: '2025.1' });
    // Assess
    expect(set.standards).toEqual([
      { id: '1.1', section: 'Safety', type: 1, text: 'Resuscitation equipment is checked weekly.', guidance: 'Check the log' },
      { id: '1.2', section: 'Safety', type: 2, text: 'Staff carry alarms, tested monthly.' },
      { id: '2.1', section: 'Involvement', type: 3, text: 'Patients help recruit staff.' },
    ]);
    expect(set.versionId).toBe(`2025.1+${set.contentHash.slice(0, 12)}`);
  });

  it('accepts "domain" for "section", any header case, and a byte-order mark', () => {
    // Prepare
    const text = `\uFEFFID,Domain,Type,Text\nA-1,Direct patient care,2,Care plans cover body and mind.`;
    // Act
    const set = parseStandardsCsv(text, 'standards.csv');
    // Assess
    expect(set.standards[0]).toEqual({ id: 'A-1', section: 'Direct patient care', type: 2, text: 'Care plans cover body and mind.' });
  });

  it.each([
    ['changed text', GOOD.replace('checked weekly', 'checked daily'), false],
    ['same content, CRLF line ends', GOOD.replaceAll('\n', '\r\n'), true],
  ])('content hash with %s: same = %s', (_label, other, same) => {
    // Prepare
    const first = parseStandardsCsv(GOOD, 'a.csv', { version: '1' });
    // Act
    const second = parseStandardsCsv(other, 'b.csv', { version: '1' });
    // Assess
    expect(second.contentHash === first.contentHash).toBe(same);
  });

  it('reports every bad cell at once, with row, line and column', () => {
    // Prepare
    const text = [
      'id,section,type,text',
      '1.1,Safety,4,Text one.',
      '1.2,,2,Text two.',
      '1.1,Safety,1,Duplicate id.',
      '1 3,Safety,2,',
    ].join('\n');
    // Act
    const issues = issuesOf(text);
    // Assess
    expect(issues.map((issue) => [issue.row, issue.line, issue.column])).toEqual([
      [1, 2, 'type'],
      [2, 3, 'section'],
      [3, 4, 'id'],
      [4, 5, 'id'],
      [4, 5, 'text'],
    ]);
    expect(issues[0]).toEqual(expect.objectContaining({ expected: 'text matching /^[123]$/', found: '"4"' }));
    expect(issues[2].found).toBe('"1.1", already used on row 1');
  });

  it.each([
    ['a missing column', 'id,section,text\n1,Safety,Text', 'Missing column "type"'],
    ['an unknown column', 'id,section,type,text,guidence\n1,Safety,1,Text,g', 'Unknown column (check spelling)'],
    ['no data rows', 'id,section,type,text\n', 'The file has no standards'],
    ['an unclosed quote', 'id,section,type,text\n1,Safety,1,"Text', 'valid CSV'],
  ])('reports %s', (_label, text, message) => {
    // Act
    const issues = issuesOf(text);
    // Assess
    expect(issues.some((issue) => issue.message === message || issue.expected.startsWith(message))).toBe(true);
  });
});

describe('Function: parseStandardsCsv, rows of the wrong width', () => {
  it.each([
    ['too many columns (an unquoted comma)', 'id,section,type,text,guidance\n1.1,Safety,1,Text one.,Check a, b and c\n1.2,Safety,2,Text two.,', 2, 1, 6, 'has 6 columns'],
    ['too few columns', 'id,section,type,text,guidance\n1.1,Safety,1,Text one.,\n1.2,Safety', 3, 2, 'type', 'has 2 columns'],
  ])('reports %s at its line and column instead of dropping cells', (_label, text, line, row, column, found) => {
    // Act
    const issues = issuesOf(text);
    // Assess
    expect(issues).toEqual([expect.objectContaining({ file: 'standards.csv', line, row, column, found: expect.stringContaining(found) })]);
  });

  it('reports every wrong-width row at once, with the rows after them still checked', () => {
    // Prepare
    const text = ['id,section,type,text', '1.1,Safety,1,Text, with a comma', '1.2,Safety,4,Text two.', '1.3,Safety,1,Text, again, two commas'].join('\n');
    // Act
    const issues = issuesOf(text);
    // Assess
    expect(issues.map((issue) => [issue.line, issue.row, issue.column])).toEqual([
      [2, 1, 5],
      [3, 2, 'type'],
      [4, 3, 5],
    ]);
  });
});

describe('Example networks: standards.csv', () => {
  const exampleDir = (name: string) => fileURLToPath(new URL(`../../../examples/networks/${name}/`, import.meta.url));

  it.each(['ccqi-accreditation-example', 'mind-and-body-example'])('%s loads (every row has its five columns)', (name) => {
    // Act
    const { standards } = loadNetwork(exampleDir(name));
    // Assess
    expect(standards.standards.length).toBeGreaterThan(0);
  });

  it('keeps the whole guidance of Mind & Body DPC-2 (quoted commas)', () => {
    // Act
    const { standards } = loadNetwork(exampleDir('mind-and-body-example'));
    // Assess
    expect(standards.standards.find((standard) => standard.id === 'DPC-2')?.guidance).toBe('Includes blood pressure, weight, bloods and smoking status.');
  });
});

describe('Function: countByType', () => {
  it('counts 0 for a type with no standards', () => {
    // Prepare
    const { standards } = parseStandardsCsv('id,section,type,text\n1,S,1,T\n2,S,1,U', 'standards.csv');
    // Act
    const counts = countByType(standards);
    // Assess
    expect(counts).toEqual({ 1: 2, 2: 0, 3: 0 });
  });
});
