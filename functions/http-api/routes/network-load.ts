// Loading a network (staff): the configuration (network.yaml, parsed by the caller: the CLI and the
// web app read the file with the core's parser, which locates each mistake at its line; the YAML
// parser would double this Lambda's bundle), the standards CSV as text, and optionally the reviewer
// pool. Every mistake in any of them comes back at once: the CSV's by line and column, the others
// by path. A dry run checks the same and answers the timetable a cycle would get from a chosen
// start date; nothing is saved. A load makes a new configuration version; running cycles keep the
// one they started with.
import { array, boolean, object, string, unknown, enum as zEnum } from 'zod';
import type { ZodError } from 'zod';
import { CalendarCoverageError, type ConfigIssue, configIssuesOf } from '#core/errors';
import type { LoadedNetwork } from '#core/load-network';
import { checkNetworkConfig, type NetworkConfig } from '#core/network-config';
import { parseStandardsCsv, type StandardsSet } from '#core/standards';
import { countByType } from '#core/standards';
import { describeZodIssues } from '#core/zod-issues';
import { buildTimetable } from '#core/timetable';
import { renderTimetableText } from '#core/timetable-text';
import { now } from '#commons/clock';
import { NetworkLoadConflictError, loadNetworkVersion } from '#commons/helpers/networks';
import { getNetwork } from '#commons/helpers/records';
import type { NetworkRecord } from '#commons/helpers/records';
import { saveReviewers } from '#commons/helpers/reviewer-pool';
import { reviewerImportSchema } from '#commons/schemas/requests';
import { MembershipType, idSchema, isoDateSchema } from '#commons/schemas/workflow';
import { httpError, json, parseBody, validate } from '../http.ts';
import type { Route, RouteHandler } from '../router.ts';
import { configIssuesError } from './config-issues.ts';

/** API Gateway's HTTP API takes 10 MB; a network's standards are a few hundred rows. */
const MAX_FILE_CHARACTERS = 2_000_000;

const fileName = (defaultName: string) => string().trim().min(1).max(200).default(defaultName);

const networkLoadRequestSchema = object({
  /** network.yaml as parsed (a YAML or JSON document's value). */
  network: object({ fileName: fileName('network.yaml'), config: unknown() }),
  /** Left out, network.yaml's standards.file is reported as not found. */
  standards: object({ fileName: fileName('standards.csv'), text: string().max(MAX_FILE_CHARACTERS) }).optional(),
  /** reviewers.json as parsed: `{ "reviewers": [...] }`. */
  reviewers: object({ fileName: fileName('reviewers.json'), content: unknown() }).optional(),
  /** Check only, and answer the timetable from `startDate`; nothing is saved. */
  dryRun: boolean().default(false),
  startDate: isoDateSchema.optional(),
  membershipType: zEnum(Object.values(MembershipType)).optional(),
});
type NetworkLoadRequest = ReturnType<typeof networkLoadRequestSchema.parse>;

// A reviewer without availability dates can be listed now and given dates later (PUT .../reviewers).
const reviewerElement = reviewerImportSchema.shape.reviewers.element;
const reviewersFileSchema = object({
  reviewers: array(reviewerElement.extend({ availableOn: reviewerElement.shape.availableOn.default([]) })).min(1).max(5_000),
});
type LoadedReviewer = ReturnType<typeof reviewersFileSchema.parse>['reviewers'][number];

interface CheckedNetwork extends LoadedNetwork {
  reviewers?: LoadedReviewer[];
}

const pathIssues = (error: ZodError, file: string): ConfigIssue[] =>
  describeZodIssues(error).map((issue) => ({ file, path: issue.path.map(String).join('.'), expected: issue.expected, found: issue.found, message: issue.message }));

/** Every file checked, and every issue of all of them at once. */
const checkFiles = (networkId: string, request: NetworkLoadRequest, current: NetworkRecord | undefined): CheckedNetwork => {
  let config: NetworkConfig | undefined;
  let standards: StandardsSet | undefined;
  const issues = configIssuesOf(() => {
    config = checkNetworkConfig(request.network.config, request.network.fileName, { networkId, requireContacts: current === undefined });
  });
  if (request.standards) {
    const { fileName: file, text } = request.standards;
    issues.push(...configIssuesOf(() => (standards = parseStandardsCsv(text, file, { version: config?.standards.version }))));
  } else {
    issues.push({ file: request.network.fileName, path: 'standards.file', expected: 'the standards CSV the configuration names', found: 'no standards file', message: 'Standards file not found' });
  }
  const reviewers = request.reviewers && reviewersFileSchema.safeParse(request.reviewers.content, { reportInput: true });
  if (reviewers && !reviewers.success) issues.push(...pathIssues(reviewers.error, request.reviewers!.fileName));
  if (issues.length > 0 || config === undefined || standards === undefined) throw configIssuesError(issues, `Network ${networkId} was not loaded`);
  return { config, standards, ...(reviewers?.success && { reviewers: reviewers.data.reviewers }) };
};

const warningsOf = ({ reviewers }: CheckedNetwork): string[] => {
  const unavailable = (reviewers ?? []).filter((reviewer) => reviewer.availableOn.length === 0).map((reviewer) => reviewer.id);
  return unavailable.length === 0 ? [] : [`${unavailable.length} reviewer(s) have no availableOn dates, so no visit can be allocated to them yet: ${unavailable.join(', ')}`];
};

const summaryOf = (networkId: string, checked: CheckedNetwork) => ({
  networkId,
  name: checked.config.name,
  membershipTypes: checked.config.membershipTypes,
  standards: { versionId: checked.standards.versionId, count: checked.standards.standards.length, byType: countByType(checked.standards.standards) },
  ...(checked.reviewers && { reviewers: checked.reviewers.length }),
  warnings: warningsOf(checked),
});

/** The timetable a cycle starting on `startDate` would get, per membership type offered. */
const timetablesOf = (checked: CheckedNetwork, startDate: string, only: string | undefined) => {
  const types = checked.config.membershipTypes.filter((type) => only === undefined || type === only);
  if (types.length === 0) throw httpError(400, 'ValidationError', `membershipType: the network offers ${checked.config.membershipTypes.join(', ')}`, { issues: [{ field: 'membershipType', message: `the network offers ${checked.config.membershipTypes.join(', ')}` }] });
  try {
    return types.map((membershipType) => {
      const milestones = buildTimetable({ startDate, membershipType, config: checked.config });
      return { membershipType, milestones, text: renderTimetableText(milestones) };
    });
  } catch (error) {
    if (!(error instanceof CalendarCoverageError)) throw error;
    throw httpError(400, 'ValidationError', `startDate: ${error.message}`, { issues: [{ field: 'startDate', message: error.message }] });
  }
};

const loadNetwork: RouteHandler = async (event, params) => {
  const networkId = validate(idSchema, params.networkId, 'networkId');
  const request = parseBody(networkLoadRequestSchema, event);
  const current = await getNetwork(networkId);
  const checked = checkFiles(networkId, request, current);
  if (request.dryRun) {
    const startDate = request.startDate ?? now().toISOString().slice(0, 10);
    return json(200, { result: 'valid', dryRun: true, ...summaryOf(networkId, checked), currentConfigVersion: current?.configVersion, startDate, timetables: timetablesOf(checked, startDate, request.membershipType) });
  }
  const committeeEmail = checked.config.contacts?.committee ?? current!.committeeEmail;
  const staffEmail = checked.config.contacts?.staff ?? (checked.config.contacts ? undefined : current?.staffEmail);
  const at = now();
  let outcome;
  try {
    outcome = await loadNetworkVersion({ networkId, name: checked.config.name, committeeEmail, ...(staffEmail && { staffEmail }), config: checked.config, standards: checked.standards }, at, 'staff');
  } catch (error) {
    if (error instanceof NetworkLoadConflictError) throw httpError(409, 'NetworkLoadConflict', error.message);
    throw error;
  }
  if (checked.reviewers) await saveReviewers(networkId, checked.reviewers, at, 'staff');
  return json(current ? 200 : 201, { ...outcome, ...summaryOf(networkId, checked) });
};

const showNetwork: RouteHandler = async (_event, params) => {
  const networkId = validate(idSchema, params.networkId, 'networkId');
  const network = await getNetwork(networkId);
  if (!network) throw httpError(404, 'NetworkNotFound', `Network ${networkId} has not been loaded`);
  const { networkId: id, name, committeeEmail, staffEmail, config, configVersion, standardsVersionId } = network;
  return json(200, { networkId: id, name, committeeEmail, staffEmail, configVersion: configVersion ?? 1, standardsVersionId, config });
};

const networkLoadRoutes: Route[] = [
  { method: 'PUT', path: '/networks/{networkId}', handle: loadNetwork },
  { method: 'GET', path: '/networks/{networkId}', handle: showNetwork },
];

export { networkLoadRequestSchema, networkLoadRoutes };
