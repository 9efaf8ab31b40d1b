// Enrolling a member service in a network (staff).
import { documentClient } from '#commons/clients/dynamodb';
import { writeTransaction } from '#commons/data/transaction';
import { now } from '#commons/clock';
import { tableName } from '#commons/env';
import { AuditEventType, auditPut } from '#commons/data/audit';
import { transactionConditionFailures } from '#commons/helpers/conditions';
import { getNetwork, getService } from '#commons/helpers/records';
import type { ServiceRecord } from '#commons/helpers/records';
import { serviceKey, servicesOfNetworkKeys } from '#commons/helpers/table-keys';
import { enrolServiceRequestSchema } from '#commons/schemas/requests';
import { idSchema } from '#commons/schemas/workflow';
import { RecipientRole } from '#core/vocabulary';
import { httpError, json, parseBody, validate } from '../http.ts';
import type { Route, RouteHandler } from '../router.ts';

const sameEnrolment = (stored: Record<string, unknown>, requested: Record<string, unknown>): boolean =>
  Object.entries(requested).every(([field, value]) => stored[field] === value);

/**
 * Issue 10 #12: without the organisation's QI lead, a missed deadline's escalation ladder skips
 * that rung (the sweep records the skip in the audit when it gets there). Staff are told now.
 */
const warningsOf = (request: { qiLeadEmail?: string }, ladder: readonly { recipientRole: string }[]) =>
  request.qiLeadEmail === undefined && ladder.some((step) => step.recipientRole === RecipientRole.OrganisationQiLead)
    ? [{ field: 'qiLeadEmail', message: `No QI lead given: after a missed deadline the escalation ladder will skip its ${RecipientRole.OrganisationQiLead} rung` }]
    : [];

const enrolService: RouteHandler = async (event) => {
  const request = parseBody(enrolServiceRequestSchema, event);
  const network = await getNetwork(request.networkId);
  if (!network) {
    throw httpError(400, 'ValidationError', `Invalid request body: networkId: no network ${request.networkId}`, {
      issues: [{ field: 'networkId', message: `no network ${request.networkId}` }],
    });
  }
  // A cycle's timetable comes from the stage durations of its membership type, so a type the
  // network does not offer would fail at enrolment of the cycle: refuse it here, by name.
  const offered = network.config.membershipTypes;
  const membershipType = request.membershipType ?? (offered.length === 1 ? offered[0] : undefined);
  if (membershipType === undefined || !offered.includes(membershipType)) {
    const problem = request.membershipType === undefined ? 'is required' : `cannot be ${request.membershipType}`;
    throw httpError(400, 'ValidationError', `Invalid request body: membershipType ${problem}: network ${request.networkId} offers ${offered.join(', ')}`, {
      issues: [{ field: 'membershipType', message: `${problem}: network ${request.networkId} offers ${offered.join(', ')}` }],
    });
  }
  const at = now();
  const service: ServiceRecord = { ...request, membershipType, createdAt: at.toISOString() };
  const key = serviceKey(request.serviceId);
  try {
    await writeTransaction({
      TransactItems: [
        {
          Put: {
            TableName: tableName,
            Item: { ...key, itemType: 'service', ...service, ...servicesOfNetworkKeys(request.networkId, request.serviceId) },
            ConditionExpression: 'attribute_not_exists(pk)',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
        auditPut({ entityPk: key.pk, type: AuditEventType.serviceEnrolled, at, actor: 'api', detail: request }),
      ],
    });
  } catch (error) {
    const [failure] = transactionConditionFailures(error) ?? [];
    if (!failure?.oldItem) throw error;
    // A repeated request changes nothing: the same enrolment is reported as such, a different one refused.
    if (sameEnrolment(failure.oldItem, request)) return json(200, { result: 'already-enrolled', service: failure.oldItem });
    throw httpError(409, 'ServiceAlreadyEnrolled', `Service ${request.serviceId} is already enrolled with other details`);
  }
  const warnings = warningsOf(request, network.config.reminders.escalation);
  return json(201, { result: 'enrolled', service, ...(warnings.length > 0 ? { warnings } : {}) });
};

const showService: RouteHandler = async (_event, params) => {
  const serviceId = validate(idSchema, params.serviceId, 'serviceId');
  const service = await getService(serviceId);
  if (!service) throw httpError(404, 'ServiceNotFound', `Service ${serviceId} is not enrolled`);
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, ...view } = service as ServiceRecord & Record<string, unknown>;
  return json(200, { service: view });
};

const serviceRoutes: Route[] = [
  { method: 'POST', path: '/services', handle: enrolService },
  { method: 'GET', path: '/services/{serviceId}', handle: showService },
];

export { serviceRoutes };
