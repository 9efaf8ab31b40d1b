// The zod schemas of the workflow's identifiers, shared by the request and event schemas. The
// workflow's words themselves (stages, statuses, phases) are the domain core's: #core/vocabulary.
// Named imports, not the `z` namespace: it would drag all of zod (every locale) into each Lambda bundle.
import { iso, string } from 'zod';

const idSchema = string()
  .min(1)
  .max(80)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, "-" and "_" only');
// The message echoes the value: a typo in a list of dates is then easy to find.
const isoDateSchema = iso.date({ error: (issue) => `${JSON.stringify(issue.input)} is not a date: use YYYY-MM-DD` });
const executionArnSchema = string().startsWith('arn:aws:states:');

export { executionArnSchema, idSchema, isoDateSchema };
