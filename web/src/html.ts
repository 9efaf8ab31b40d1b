// htm bound to preact's h (htm's own preact binding): tagged templates instead of JSX, so the app
// needs no JSX compiler and the root tsconfig stays as it is.
import { html } from 'htm/preact';

export { html };
