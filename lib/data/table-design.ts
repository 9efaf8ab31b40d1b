// The single table's keys and indexes, as the handlers use them (functions/commons/helpers/
// table-keys.ts; docs/data-model.md is the reference): pk/sk for items; "by-network" for staff
// listings; "open-tasks", sparse, ordered by next-reminder date so the daily sweep queries a
// date range instead of scanning; TTL on expiresAt.
const tableDesign = {
  partitionKey: 'pk',
  sortKey: 'sk',
  globalIndexes: [
    { indexName: 'by-network', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { indexName: 'open-tasks', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  ],
  // Items that expire (idempotency records, spent task-token lookups) carry an epoch-seconds TTL.
  timeToLiveAttribute: 'expiresAt',
} as const;

export { tableDesign };
