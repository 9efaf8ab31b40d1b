// The core is pure: no AWS SDK, no reading of the clock (time is passed in), no file I/O
// outside the loader. This test keeps it that way.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const srcDir = new URL('../../../src/', import.meta.url).pathname;
const sourceFiles = readdirSync(srcDir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));

describe('Rule: the domain core stays pure', () => {
  it('has source files to check', () => {
    // Assess
    expect(sourceFiles.length).toBeGreaterThan(5);
  });

  it.each([
    ['@aws-sdk', /@aws-sdk/],
    ['Date.now(', /Date\.now\(/],
    ['new Date() without arguments', /new Date\(\s*\)/],
    ['Math.random (allocation must be deterministic)', /Math\.random/],
    ['performance.now', /performance\.now/],
  ])('no file in src/ uses %s', (_label, pattern) => {
    // Act
    const offenders = sourceFiles.filter((file) => pattern.test(readFileSync(path.join(srcDir, file), 'utf8')));
    // Assess
    expect(offenders).toEqual([]);
  });

  it('reads files only in load-network.ts', () => {
    // Act
    const offenders = sourceFiles.filter((file) => file !== 'load-network.ts' && /from 'node:fs'|require\('fs'\)|from 'fs'/.test(readFileSync(path.join(srcDir, file), 'utf8')));
    // Assess
    expect(offenders).toEqual([]);
  });
});
