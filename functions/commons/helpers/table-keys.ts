// Key design of the single application table (docs/data-model.md is the reference).
// Base table: pk/sk. GSI1 ("by-network"): listings for staff and the console. GSI2 ("open-tasks"):
// sparse, only open callback tasks carry it, ordered by the next reminder date for the sweep.

const TableIndex = {
  byNetwork: 'by-network',
  openTasks: 'open-tasks',
} as const;

/** The sparse open-tasks index is written under one partition; the daily sweep reads a date range. */
const OPEN_TASKS_PARTITION = 'TASKS#OPEN';
const NETWORK_CATALOGUE_PARTITION = 'NETWORKS';

const networkKey = (networkId: string) => ({ pk: `NETWORK#${networkId}`, sk: 'CONFIG' });
/** Each loaded network configuration, kept for the cycles that started with it (zero-padded so versions sort). */
const networkConfigVersionKey = (networkId: string, version: number) => ({ pk: `NETWORK#${networkId}`, sk: `CONFIG_VERSION#${String(version).padStart(6, '0')}` });
const networkCatalogueKeys = (networkId: string) => ({
  gsi1pk: NETWORK_CATALOGUE_PARTITION,
  gsi1sk: `NETWORK#${networkId}`,
});

const serviceKey = (serviceId: string) => ({ pk: `SERVICE#${serviceId}`, sk: 'PROFILE' });
const servicesOfNetworkKeys = (networkId: string, serviceId: string) => ({
  gsi1pk: `NETWORK#${networkId}#SERVICES`,
  gsi1sk: `SERVICE#${serviceId}`,
});

const cycleKey = (cycleId: string) => ({ pk: `CYCLE#${cycleId}`, sk: 'STATE' });
const cyclesOfNetworkPartition = (networkId: string) => `NETWORK#${networkId}#CYCLES`;
/** Sort key that lets staff list a cohort, or a cohort's cycles at one stage, with begins_with. */
const cycleListingSortKey = (cohortId: string, stage: string, cycleId: string) =>
  `COHORT#${cohortId}#STAGE#${stage}#CYCLE#${cycleId}`;

const taskKey = (cycleId: string, stage: string) => ({ pk: `CYCLE#${cycleId}`, sk: `TASK#${stage}` });
const openTaskKeys = (nextReminderOn: string, cycleId: string, stage: string) => ({
  gsi2pk: OPEN_TASKS_PARTITION,
  gsi2sk: `${nextReminderOn}#CYCLE#${cycleId}#${stage}`,
});

const standardsKey = (networkId: string, versionId: string) => ({ pk: `NETWORK#${networkId}`, sk: `STANDARDS#${versionId}` });
/** A large standards version's parts sort under its header's key (zero-padded so they sort in order). */
const standardsChunkPrefix = (versionId: string) => `STANDARDS#${versionId}#CHUNK#`;
const standardsChunkKey = (networkId: string, versionId: string, index: number) => ({ pk: `NETWORK#${networkId}`, sk: `${standardsChunkPrefix(versionId)}${String(index).padStart(4, '0')}` });
/** A network's reviewer pool lives under the network: one Query lists it for allocation. */
const reviewerKey = (networkId: string, reviewerId: string) => ({ pk: `NETWORK#${networkId}`, sk: `REVIEWER#${reviewerId}` });
const REVIEWER_PREFIX = 'REVIEWER#';

const allocationKey = (cycleId: string) => ({ pk: `CYCLE#${cycleId}`, sk: 'ALLOCATION' });
/** GSI1 keys of an allocation: a cohort's allocations so far (reciprocal reviews, bookings, load). */
const allocationsOfCohortKeys = (networkId: string, cohortId: string, cycleId: string) => ({
  gsi1pk: `NETWORK#${networkId}#ALLOCATIONS`,
  gsi1sk: `COHORT#${cohortId}#CYCLE#${cycleId}`,
});
/**
 * A reviewer's place on a visit day of a cohort (issue 14): one item per (cohort, date, reviewer),
 * so a day's bookings are one Query and two allocations cannot both book a reviewer for the day
 * (the Put is conditional on the key).
 */
const bookingsOfDayPartition = (networkId: string, cohortId: string, date: string) => `BOOKINGS#${networkId}#${cohortId}#${date}`;
const BOOKING_PREFIX = 'BOOKED#';
const bookingKey = (networkId: string, cohortId: string, date: string, reviewerId: string) => ({ pk: bookingsOfDayPartition(networkId, cohortId, date), sk: `${BOOKING_PREFIX}${reviewerId}` });
/** GSI1 keys of a booking: the visits a service's staff make in a cohort (the reciprocal-review rule reads the host's). */
const visitsByServiceStaffPartition = (networkId: string, cohortId: string, serviceId: string) => `NETWORK#${networkId}#COHORT#${cohortId}#VISITORS#${serviceId}`;
const VISITED_HOST_PREFIX = 'HOST#';
const visitsByServiceStaffKeys = (networkId: string, cohortId: string, serviceId: string, hostServiceId: string, date: string, reviewerId: string) => ({
  gsi1pk: visitsByServiceStaffPartition(networkId, cohortId, serviceId),
  gsi1sk: `${VISITED_HOST_PREFIX}${hostServiceId}#${date}#${reviewerId}`,
});
/** On a reviewer of the pool: how many visits of the cohort they are booked on (the load the allocation balances). */
const cohortVisitsAttribute = (cohortId: string) => `visits#${cohortId}`;
const COHORT_VISITS_PREFIX = 'visits#';
const reportKey = (cycleId: string) => ({ pk: `CYCLE#${cycleId}`, sk: 'REPORT' });
/** The cycle's whole timetable (the core's dry run), written once at enrolment, read by the welcome email and the cycle page. */
const timetableKey = (cycleId: string) => ({ pk: `CYCLE#${cycleId}`, sk: 'TIMETABLE' });

/** Audit events sort by time under the entity they describe. */
const auditKey = (entityPk: string, at: string, eventId: string) => ({ pk: entityPk, sk: `AUDIT#${at}#${eventId}` });
const AUDIT_PREFIX = 'AUDIT#';
const TASK_PREFIX = 'TASK#';

/**
 * A cycle's action plan (issue 13) lives in the cycle's partition: the plan's header, its actions and
 * each action's PDSA cycles all start with `ACTION`, so one Query reads the whole plan.
 */
const ACTION_PLAN_PREFIX = 'ACTION';
const actionPlanKey = (cycleId: string) => ({ pk: `CYCLE#${cycleId}`, sk: 'ACTION_PLAN' });
/** Staff list every service's plan in a network (keys only: the plan itself is read from the cycle's partition). */
const actionPlansOfNetworkKeys = (networkId: string, cycleId: string) => ({ gsi1pk: `NETWORK#${networkId}#ACTION_PLANS`, gsi1sk: `CYCLE#${cycleId}` });
const actionKey = (cycleId: string, actionId: string) => ({ pk: `CYCLE#${cycleId}`, sk: `ACTION#${actionId}` });
const pdsaPrefix = (actionId: string) => `ACTION#${actionId}#PDSA#`;
/** Zero-padded so an action's cycles sort in the order they were planned. */
const pdsaKey = (cycleId: string, actionId: string, pdsaNumber: number) => ({ pk: `CYCLE#${cycleId}`, sk: `${pdsaPrefix(actionId)}${String(pdsaNumber).padStart(4, '0')}` });
/** Open actions sit in GSI2 under their own partition, by next reminder date, like open tasks: the sweep reads what is due. */
const OPEN_ACTIONS_PARTITION = 'ACTIONS#OPEN';
const openActionKeys = (nextReminderOn: string, cycleId: string, actionId: string) => ({
  gsi2pk: OPEN_ACTIONS_PARTITION,
  gsi2sk: `${nextReminderOn}#CYCLE#${cycleId}#ACTION#${actionId}`,
});

export {
  ACTION_PLAN_PREFIX,
  OPEN_ACTIONS_PARTITION,
  actionKey,
  actionPlanKey,
  actionPlansOfNetworkKeys,
  openActionKeys,
  pdsaKey,
  pdsaPrefix,
  AUDIT_PREFIX,
  REVIEWER_PREFIX,
  allocationKey,
  allocationsOfCohortKeys,
  BOOKING_PREFIX,
  bookingKey,
  bookingsOfDayPartition,
  COHORT_VISITS_PREFIX,
  cohortVisitsAttribute,
  VISITED_HOST_PREFIX,
  visitsByServiceStaffKeys,
  visitsByServiceStaffPartition,
  reportKey,
  timetableKey,
  reviewerKey,
  standardsChunkKey,
  standardsChunkPrefix,
  standardsKey,
  NETWORK_CATALOGUE_PARTITION,
  OPEN_TASKS_PARTITION,
  TASK_PREFIX,
  TableIndex,
  auditKey,
  cycleKey,
  cycleListingSortKey,
  cyclesOfNetworkPartition,
  networkCatalogueKeys,
  networkConfigVersionKey,
  networkKey,
  openTaskKeys,
  serviceKey,
  servicesOfNetworkKeys,
  taskKey,
};
