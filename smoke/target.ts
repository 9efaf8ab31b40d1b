// What the smoke walk needs from the place it runs against (issue 11, "A smoke test for a real
// stage"): the API and how to act as each group, the table and Step Functions to check, and the
// emails. Locally the clock can move past the visit day; on a real stage it cannot.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SFNClient } from '@aws-sdk/client-sfn';

/** The group the walk acts as, with the claims a service user or a reviewer needs. */
interface Identity {
  group: 'staff' | 'service' | 'reviewer' | 'committee';
  organisationId?: string;
  reviewerId?: string;
  /** The service lead's email: only the lead submits the self-review (src/step-actors.ts). */
  email?: string;
}

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

interface SmokeTarget {
  /** 'local' or the stage's name, for the output. */
  name: string;
  api: string;
  /** The request headers that make the API see `who` (x-local-user locally, a bearer ID token on AWS). */
  headersFor(who: Identity): Promise<Record<string, string>>;
  /** The workflow's clock when it can be moved (locally); undefined on a real stage. */
  clock?: { now(): Promise<Date>; advanceBy(seconds: number): Promise<void> };
  /** The organisation the smoke service belongs to (on AWS: the service token's custom:organisationId). */
  organisationId: string;
  /** The smoke service's lead (on AWS: the service token's email); undefined: a made-up address per walk. */
  serviceLeadEmail?: string;
  table: { client: DynamoDBDocumentClient; name: string };
  sfn: SFNClient;
  /** The email check: what was sent to these addresses (locally), or the account's sending statistics (AWS). */
  checkEmails(recipients: readonly string[]): Promise<Check>;
  stop(): Promise<void>;
}

export type { Check, Identity, SmokeTarget };
