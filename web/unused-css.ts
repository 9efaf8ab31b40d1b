// nhsuk-frontend's compiled CSS styles every component and variant it has (280 KB, 29.6 KB gzipped);
// the app uses a fraction of them. Its per-component Sass would only drop the components never used
// (3 KB gzipped: the ones used carry most of the weight), so the built pages decide instead: a rule
// stays when the classes it names appear in the app's JS or index.html. The build runs this, so a
// page added later gets the styles it names without a list to keep up to date.
import { PurgeCSS } from 'purgecss';

/**
 * Class names the pages compose at run time (`nhsuk-tag--${colour}`, `nhsuk-form-group${error ? …}`,
 * `'nhsuk-tag--' + colour`): the text before the placeholder or the `+` is a prefix, and every class
 * starting with it is kept. The minified bundles keep both forms as written.
 */
const composedPrefixes = (texts: string[]): RegExp[] => {
  const prefixes = new Set<string>();
  for (const text of texts) for (const match of text.matchAll(/(nhsuk-[a-z0-9_-]*)(?:\$\{|["'`]\s*\+)/g)) prefixes.add(match[1]!);
  // Class names are [a-z0-9_-] only, so a prefix needs no escaping.
  return [...prefixes].map((prefix) => new RegExp(`^${prefix}`));
};

/** The rules of `css` that the built pages (`texts`: their JS and HTML) can use. */
const withoutUnusedRules = async (css: string, texts: { text: string; extension: string }[]): Promise<string> => {
  const [purged] = await new PurgeCSS().purge({
    content: texts.map(({ text, extension }) => ({ raw: text, extension })),
    css: [{ raw: css }],
    safelist: { standard: composedPrefixes(texts.map(({ text }) => text)) },
    // @keyframes no rule animates with any more go too.
    keyframes: true,
  });
  if (purged === undefined) throw new Error('PurgeCSS returned no stylesheet');
  return purged.css;
};

export { composedPrefixes, withoutUnusedRules };
