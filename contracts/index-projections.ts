// What each global index carries besides the keys (docs/data-model.md, issue 14): only what its
// queries read. With every attribute projected, each change of a cycle copied its whole 4-5 KB
// item into `by-network` again; now a change writes the few listing fields, and none when only
// unprojected fields changed. The CDK table, the local table and the queries read these lists,
// so a query cannot ask an index for a field it does not carry without a test noticing.

/**
 * A cycle as the board, the CLI table, the export, the network overview and cohort launch list it.
 * DynamoDB takes at most 20 NonKeyAttributes in one index's projection (API Projection; CloudFormation
 * refuses more at deploy), so only what a listing shows is here: `updatedAt` is set at enrolment (no
 * `createdAt`), the welcome email sets `lastEmailSentAt` (no `welcomeEmailSentAt`), and the network's
 * name and a withdrawal's time are read from the cycle itself, on its own page.
 */
const CYCLE_LISTING_ATTRIBUTES = [
  'cycleId',
  'serviceId',
  'serviceName',
  'organisationId',
  'networkId',
  'cohortId',
  'membershipType',
  'startDate',
  'stage',
  'status',
  'currentDeadline',
  'visitDate',
  'decision',
  'executionArn',
  'lastEmailSentAt',
  'updatedAt',
  // The overview's compliance chart reads the standards a cycle started with; cohort launch, the follow-ups booked.
  'standardsVersionId',
  'followUpCycles',
] as const;

/** The network catalogue (GET /networks) and a network's services (cohort launch). */
const CATALOGUE_ATTRIBUTES = ['networkId', 'name', 'serviceId'] as const;

/**
 * What a booking carries on `by-network`: the visits a service's staff make this cohort, of which
 * reciprocal review reads only `hostServiceId` (functions/commons/data/bookings.ts).
 */
const BOOKING_ATTRIBUTES = ['hostServiceId'] as const;

/** Open tasks (the reminder sweep) and pending hand-overs (the relay's catch-up). */
const OPEN_TASK_ATTRIBUTES = ['cycleId', 'stage', 'dueAt', 'nextReminderOn', 'handOverId'] as const;

const KEYS: readonly string[] = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk'];
const nonKey = (names: readonly string[]) => [...new Set(names)].filter((name) => !KEYS.includes(name));

/** DynamoDB's limits on INCLUDE projections (API Reference, Projection.NonKeyAttributes). */
const MAX_NON_KEY_ATTRIBUTES_PER_INDEX = 20;
const MAX_NON_KEY_ATTRIBUTES_PER_TABLE = 100;

/** The non-key attributes each index projects (ProjectionType INCLUDE), by index name. */
const INDEX_PROJECTIONS = {
  'by-network': nonKey([...CYCLE_LISTING_ATTRIBUTES, ...CATALOGUE_ATTRIBUTES, ...BOOKING_ATTRIBUTES]),
  'open-tasks': nonKey(OPEN_TASK_ATTRIBUTES),
} as const satisfies Record<string, string[]>;

export {
  BOOKING_ATTRIBUTES, CATALOGUE_ATTRIBUTES, CYCLE_LISTING_ATTRIBUTES, INDEX_PROJECTIONS, MAX_NON_KEY_ATTRIBUTES_PER_INDEX,
  MAX_NON_KEY_ATTRIBUTES_PER_TABLE, OPEN_TASK_ATTRIBUTES };
