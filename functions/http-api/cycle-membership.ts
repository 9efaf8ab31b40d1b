// What a cycle belongs to, as authorisation reads it once per request: the host organisation and
// the review team of its visit.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '#commons/clients/dynamodb';
import { tableName } from '#commons/env';
import { getCycle, getService } from '#commons/helpers/records';
import { allocationKey } from '#commons/helpers/table-keys';
import type { TeamSeat } from '#core/step-actors';

interface CycleHost {
  organisationId?: string;
  /** The service-lead emails the cycle was enrolled with (who submits the self-review). */
  serviceLeads: string[];
}

/** The host organisation and its service leads, from one read of the cycle (the service only for cycles recorded without its organisation). */
const hostOfCycle = async (cycleId: string): Promise<CycleHost | undefined> => {
  const cycle = await getCycle(cycleId);
  if (!cycle) return undefined;
  const recorded = (cycle as { organisationId?: string }).organisationId;
  return {
    organisationId: recorded ?? (await getService(cycle.serviceId))?.organisationId,
    serviceLeads: cycle.contacts?.serviceLead ?? [],
  };
};

/** The review team of a cycle's visit (the workflow's allocation item), each member with their role. */
const teamOfCycle = async (cycleId: string): Promise<TeamSeat[]> => {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: tableName, Key: allocationKey(cycleId), ProjectionExpression: 'team' }),
  );
  return ((Item?.team ?? []) as TeamSeat[]).map(({ reviewerId, role }) => ({ reviewerId, role }));
};

export { hostOfCycle, teamOfCycle };
export type { CycleHost };
