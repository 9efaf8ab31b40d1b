// The requests the API fuzz sends (fast-check arbitraries): every route of the HTTP API, as every
// role, with path parameters, query strings and bodies that range from well-formed (known ids,
// dates in and out of the calendar's years) to hostile (malformed %-escapes, bodies that are not
// JSON, wrong types, unknown fields), plus the local server's own clock endpoint.
import fc from 'fast-check';

interface FuzzRoute {
  method: string;
  /** e.g. `/cycles/{cycleId}/tasks/{stage}` */
  path: string;
}

interface FuzzRequest {
  method: string;
  /** Path and query, already encoded as sent. */
  url: string;
  /** The `x-local-user` header, or undefined (network staff). */
  role?: string;
  body?: string;
}

/** Ids that exist in the app the fuzz runs against, so requests reach the handlers' deeper paths. */
interface KnownIds {
  networkIds: string[];
  serviceIds: string[];
  cycleIds: string[];
  organisationIds: string[];
  reviewerIds: string[];
  cohortIds: string[];
}

const STAGES = [
  'enrolment', 'self-review', 'peer-review-scheduling', 'reviewer-acceptance', 'manual-allocation', 'visit',
  'peer-ratings', 'factual-accuracy', 'committee-decision', 'deferral-evidence', 'appeal', 'report-drafting',
];

const FIELD_NAMES = [
  'serviceId', 'name', 'organisationId', 'networkId', 'membershipType', 'leadEmail', 'qiLeadEmail', 'cohortId',
  'startDate', 'serviceIds', 'submittedBy', 'summary', 'ratings', 'offeredBy', 'dates', 'date', 'team', 'reviewerId',
  'role', 'decidedBy', 'outcome', 'reason', 'extendedBy', 'dueOn', 'withdrawnBy', 'resumeAt', 'csv', 'reviewers',
  'cancelledBy', 'acceptedBy', 'answeredBy', 'evidence', 'comment', 'advanceBySeconds', '__proto__', 'constructor',
];

const hostileSegment = fc.constantFrom('%', '%zz', '%E0%A4%A', '%00', '..', '%2F', '%25', 'a'.repeat(300), '%F0%9F%98%80', '%C0%AF', ' ', '{cycleId}');

const pathValue = (name: string, known: KnownIds): fc.Arbitrary<string> => {
  const pools: Record<string, string[]> = {
    cycleId: known.cycleIds,
    serviceId: known.serviceIds,
    networkId: known.networkIds,
    reviewerId: known.reviewerIds,
    cohortId: known.cohortIds,
    stage: STAGES,
  };
  const pool = pools[name] ?? [];
  return fc.oneof(
    { weight: 6, arbitrary: pool.length > 0 ? fc.constantFrom(...pool) : fc.constant('x') },
    { weight: 2, arbitrary: fc.string({ maxLength: 40 }).map((text) => encodeURIComponent(text) || 'empty') },
    { weight: 2, arbitrary: hostileSegment },
  );
};

const dateValue = fc.oneof(
  fc.date({ min: new Date('2023-06-01T00:00:00Z'), max: new Date('2032-12-31T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10)),
  fc.constantFrom('2031-01-14', '1999-12-31', '2026-02-30', '2026-13-01', '03/06/2026', '', '2026-01-05T09:00:00Z'),
);

const fieldValue = (known: KnownIds): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constantFrom(...known.serviceIds, ...known.cycleIds, ...known.networkIds, ...known.organisationIds, ...known.reviewerIds, ...known.cohortIds),
    dateValue,
    fc.array(dateValue, { maxLength: 5 }),
    fc.constantFrom('accreditation', 'developmental', 'accredited', 'deferred', 'not-accredited', 'met', 'not-met', 'lead', 'professional', 'self-review', 'Staff member'),
    fc.emailAddress(),
    fc.array(fc.record({ reviewerId: fc.constantFrom(...known.reviewerIds, 'nobody'), role: fc.constantFrom('lead', 'professional', 'expert-by-experience', 'boss') }), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom('S1.1', 'S1.2', 'S2.1', 'X'), fc.constantFrom('met', 'not-met', 'not-applicable', 7)),
    fc.jsonValue({ maxDepth: 2 }),
    fc.integer({ min: -1, max: 400 * 24 * 3600 }),
  );

const structuredBody = (known: KnownIds) =>
  fc.dictionary(fc.constantFrom(...FIELD_NAMES), fieldValue(known), { maxKeys: 8 }).map((body) => JSON.stringify(body));

const person = fc.constantFrom('Dr Lead', 'Ward manager', 'Network manager', 'Chair', '', ' ');

/** A well-formed body for each route, with a value now and then out of range: these reach the writes. */
const templateBody = (known: KnownIds, route: FuzzRoute): fc.Arbitrary<unknown> | undefined => {
  const serviceId = fc.constantFrom(...known.serviceIds);
  const cohortId = fc.constantFrom(...known.cohortIds);
  const networkId = fc.constantFrom(...known.networkIds);
  const answer = fc.record({ answeredBy: person, comment: fc.string({ maxLength: 20 }) });
  const templates: Record<string, fc.Arbitrary<unknown>> = {
    'POST /services': fc.record({
      serviceId,
      name: fc.constant('Fuzzed Ward'),
      organisationId: fc.constantFrom(...known.organisationIds),
      networkId,
      membershipType: fc.constantFrom('accreditation', 'developmental'),
      leadEmail: fc.constantFrom('lead@fuzz.example.org', 'qi@fuzz.example.org', 'not-an-email'),
    }),
    'POST /cycles': fc.record({ serviceId, cohortId, startDate: dateValue }, { requiredKeys: ['serviceId', 'cohortId'] }),
    'POST /cohorts/{cohortId}/launch': fc.record({ networkId, serviceIds: fc.array(serviceId, { maxLength: 3 }), startDate: dateValue }, { requiredKeys: ['networkId'] }),
    'POST /cycles/{cycleId}/tasks/{stage}': fc.oneof(
      fc.record({ submittedBy: person, summary: fc.constant('Done'), ratings: fc.dictionary(fc.constantFrom('S1.1', 'S1.2', 'S2.1'), fc.constantFrom('met', 'not-met')) }),
      fc.record({ offeredBy: person, dates: fc.array(dateValue, { minLength: 1, maxLength: 4 }) }),
      fc.record({ decidedBy: person, outcome: fc.constantFrom('accredited', 'deferred', 'not-accredited', 'maybe'), reason: fc.constant('Thresholds') }),
    ),
    'POST /cycles/{cycleId}/tasks/{stage}/extension': fc.record({ extendedBy: person, dueOn: dateValue, reason: fc.constant('Ward move') }),
    'POST /cycles/{cycleId}/withdraw': fc.record({ withdrawnBy: person, reason: fc.constant('Left the network') }),
    'POST /cycles/{cycleId}/resume': fc.record({ resumedBy: person, resumeAt: fc.constantFrom(...STAGES) }),
    'POST /cycles/{cycleId}/visit/cancel': fc.record({ cancelledBy: person, reason: fc.constant('Outbreak on the ward') }),
    'POST /cycles/{cycleId}/reviewers/{reviewerId}/accept': answer,
    'POST /cycles/{cycleId}/reviewers/{reviewerId}/decline': answer,
    'PUT /networks/{networkId}/standards': fc.record({ csv: fc.constantFrom('id,title,type\nS1.1,Safe,1\n', 'not,a,standards,file', '') }),
    'PUT /networks/{networkId}/reviewers': fc.record({ reviewers: fc.array(fc.record({ id: fc.constantFrom(...known.reviewerIds), name: person }), { maxLength: 2 }) }),
  };
  return templates[`${route.method} ${route.path}`];
};

const body = (known: KnownIds, route: FuzzRoute): fc.Arbitrary<string | undefined> =>
  fc.oneof(
    { weight: 6, arbitrary: (templateBody(known, route) ?? structuredBody(known)).map((value) => (typeof value === 'string' ? value : JSON.stringify(value))) },
    { weight: 4, arbitrary: structuredBody(known) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.json({ maxDepth: 3 }) },
    { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
    { weight: 1, arbitrary: fc.constantFrom('{', 'null', '[]', '""', '{"a":', '{"dates":null}', '{"ratings":[]}', '0') },
  );

const role = (known: KnownIds): fc.Arbitrary<string | undefined> =>
  // Staff reach every route's deeper paths; the other roles mostly test the authorisation.
  fc.oneof(
    { weight: 8, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constantFrom('staff', 'committee', 'service', 'reviewer', 'admin', 'service::', ':::', 'staff:%zz') },
    { weight: 2, arbitrary: fc.constantFrom(...known.organisationIds).map((organisationId) => `service:${organisationId}`) },
    {
      weight: 2,
      arbitrary: fc.tuple(fc.constantFrom(...known.organisationIds), fc.constantFrom(...known.reviewerIds)).map(([organisationId, reviewerId]) => `reviewer:${organisationId}:${reviewerId}`),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }).filter((text) => /^[\x20-\x7e]*$/.test(text)) },
  );

const query = (known: KnownIds): fc.Arbitrary<string> =>
  fc
    .option(
      fc.dictionary(fc.constantFrom('networkId', 'cohortId', 'stage', 'status', 'limit', 'nextToken', 'x'), fc.oneof(fc.constantFrom(...known.networkIds, ...known.cohortIds, ...STAGES), fc.string({ maxLength: 20 })), { maxKeys: 3 }),
      { freq: 3 },
    )
    .map((params) => (params && Object.keys(params).length > 0 ? `?${new URLSearchParams(params).toString()}` : ''));

const apiRequest = (routes: readonly FuzzRoute[], known: KnownIds): fc.Arbitrary<FuzzRequest> =>
  fc.constantFrom(...routes).chain((route) => {
    const names = [...route.path.matchAll(/\{([A-Za-z]+)\}/g)].map((match) => match[1]);
    return fc
      .record({
        values: fc.tuple(...names.map((name) => pathValue(name, known))),
        method: fc.oneof({ weight: 9, arbitrary: fc.constant(route.method) }, { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH') }),
        query: query(known),
        role: role(known),
        body: body(known, route),
      })
      .map(({ values, method, query: search, role: user, body: text }) => {
        let index = 0;
        const path = route.path.replace(/\{[A-Za-z]+\}/g, () => values[index++] as string);
        return { method, url: `${path}${search}`, role: user, body: method === 'GET' ? undefined : text };
      });
  });

/** The local server's clock: mostly bodies it must refuse, sometimes a short real advance. */
const clockRequest: fc.Arbitrary<FuzzRequest> = fc.oneof(
  fc.constant({ method: 'GET', url: '/_local/clock' }),
  fc.oneof(fc.constantFrom('{', 'null', '[]', '{"advanceBySeconds":"1"}', '{"advanceBySeconds":-5}', '{"advanceBySeconds":1e300}'), fc.json({ maxDepth: 2 })).map((text) => ({ method: 'POST', url: '/_local/clock', body: text })),
  fc.integer({ min: 0, max: 2 * 24 * 3600 }).map((seconds) => ({ method: 'POST', url: '/_local/clock', body: JSON.stringify({ advanceBySeconds: seconds }) })),
);

const fuzzRequest = (routes: readonly FuzzRoute[], known: KnownIds): fc.Arbitrary<FuzzRequest> =>
  fc.oneof({ weight: 30, arbitrary: apiRequest(routes, known) }, { weight: 1, arbitrary: clockRequest });

export { fuzzRequest };
export type { FuzzRequest, FuzzRoute, KnownIds };
