// A task token is a bearer credential for completing a workflow step: it is stored, never logged
// or emailed. Logs and audit events carry this short hash so a step can still be traced.
import { createHash } from 'node:crypto';

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex').slice(0, 16);

export { hashToken };
