// The zod schemas of the workflow's identifiers, shared by the request and event schemas. The
// workflow's words themselves (stages, statuses, phases) are the domain core's: #core/vocabulary.
// zod/mini (#core/zod-mini): the classic API would put all of zod into every Lambda that reads an id.
import { iso, maxLength, minLength, object, regex, startsWith, string } from '#core/zod-mini';

const idSchema = string().check(minLength(1), maxLength(80), regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, "-" and "_" only'));
// The message echoes the value: a typo in a list of dates is then easy to find.
const isoDateSchema = iso.date({ error: (issue) => `${JSON.stringify(issue.input)} is not a date: use YYYY-MM-DD` });
const executionArnSchema = string().check(startsWith('arn:aws:states:'));
/**
 * /cycles/{cycleId}/reviewers/{reviewerId}: here, not with the other paths in requests.ts, so the
 * reviewer's invitation Lambda needs no classic zod (its bundle's budget). The cycle id's 80 is
 * stated as every path schema states it, so a long id fails with the same issues.
 */
const reviewerPathSchema = object({ cycleId: idSchema.check(maxLength(80)), reviewerId: idSchema });

export { executionArnSchema, idSchema, isoDateSchema, reviewerPathSchema };
