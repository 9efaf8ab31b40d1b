import { describe, expect, it } from 'vitest';
import { withoutUnusedRules } from '../../../web/unused-css.ts';

const CSS = [
  '.nhsuk-table__cell{padding:8px}',
  '.nhsuk-table--reverse .nhsuk-table__cell{color:#fff}',
  '.nhsuk-hero{background:#005eb8}',
  '.nhsuk-tag--red{color:#d5281b}',
  '.nhsuk-tag--blue{color:#005eb8}',
  '.nhsuk-form-group--error{border-left:4px solid #d5281b}',
  'h1{font-size:48px}',
].join('\n');

const page = (text: string) => [{ text, extension: 'js' }];

describe('Function: withoutUnusedRules', () => {
  it('keeps the rules whose classes a page names and drops the others', async () => {
    // Act
    const css = await withoutUnusedRules(CSS, page('h("td",{class:"nhsuk-table__cell"});h("h1",null)'));
    // Assess
    expect(css).toContain('.nhsuk-table__cell{');
    expect(css).toContain('h1{');
    expect(css).not.toContain('nhsuk-hero');
    expect(css).not.toContain('nhsuk-table--reverse');
    expect(css).not.toContain('nhsuk-tag--');
  });

  it('keeps every class that starts with a name a page composes at run time', async () => {
    // Act: the minified bundles keep template literals and string concatenation as written
    const css = await withoutUnusedRules(CSS, page('html`<strong class=${`nhsuk-tag nhsuk-tag--${e}`}>`;const c="nhsuk-form-group"+(r?" x":"")'));
    // Assess
    expect(css).toContain('.nhsuk-tag--red{');
    expect(css).toContain('.nhsuk-tag--blue{');
    expect(css).toContain('.nhsuk-form-group--error{');
    expect(css).not.toContain('nhsuk-hero');
  });
});
