// The files of a network load, checked together (PUT /networks/{networkId}): the parsed
// configuration, the standards CSV and the reviewer pool. Every issue of every file comes back at
// once: the CSV's by line and column, the others by path (the caller located the YAML's already).
import { _default, boolean, maxLength, minLength, object, optional, string, trim, unknown, enum as zEnum } from '#core/zod-mini';
import { configIssuesOf } from '#core/errors';
import type { LoadedNetwork } from '#core/load-network';
import { checkNetworkConfig, type NetworkConfig } from '#core/network-config';
import { hasAvailability } from '#core/reviewer-availability';
import { countByType, parseStandardsCsv, type StandardsSet } from '#core/standards';
import { configIssuesFromZod } from '#core/zod-issues';
import type { NetworkRecord } from '#commons/helpers/records';
import { reviewerImportSchema } from '#commons/schemas/requests';
import { MembershipType } from '#core/vocabulary';
import { isoDateSchema } from '#commons/schemas/workflow';
import { configIssuesError } from './config-issues.ts';
import { MAX_CSV_CHARACTERS, refuseOversizedCsv } from './standards-size.ts';


const fileName = (defaultName: string) => _default(string().check(trim(), minLength(1), maxLength(200)), defaultName);

const networkLoadRequestSchema = object({
  /** network.yaml as parsed (a YAML or JSON document's value). */
  network: object({ fileName: fileName('network.yaml'), config: unknown() }),
  /** Left out, network.yaml's standards.file is reported as not found. */
  standards: optional(object({ fileName: fileName('standards.csv'), text: string().check(maxLength(MAX_CSV_CHARACTERS)) })),
  /** reviewers.json as parsed: `{ "reviewers": [...] }`. */
  reviewers: optional(object({ fileName: fileName('reviewers.json'), content: unknown() })),
  /** Check only, and answer the timetable from `startDate`; nothing is saved. */
  dryRun: _default(boolean(), false),
  startDate: optional(isoDateSchema),
  membershipType: optional(zEnum(Object.values(MembershipType))),
});
type NetworkLoadRequest = ReturnType<typeof networkLoadRequestSchema.parse>;

// A reviewer without availability can be listed now and given days or ranges later (PUT .../reviewers).
const reviewersFileSchema = object({ reviewers: reviewerImportSchema.shape.reviewers });
type LoadedReviewer = ReturnType<typeof reviewersFileSchema.parse>['reviewers'][number];

interface CheckedNetwork extends LoadedNetwork {
  reviewers?: LoadedReviewer[];
}

/** Every file checked, and every issue of all of them at once. */
const checkFiles = (networkId: string, request: NetworkLoadRequest, current: NetworkRecord | undefined): CheckedNetwork => {
  let config: NetworkConfig | undefined;
  let standards: StandardsSet | undefined;
  const issues = configIssuesOf(() => {
    config = checkNetworkConfig(request.network.config, request.network.fileName, { networkId, requireContacts: current === undefined });
  });
  if (request.standards) {
    const { fileName: file, text } = request.standards;
    refuseOversizedCsv(text, 'standards.text');
    issues.push(...configIssuesOf(() => (standards = parseStandardsCsv(text, file, { version: config?.standards.version }))));
  } else {
    issues.push({ file: request.network.fileName, path: 'standards.file', expected: 'the standards CSV the configuration names', found: 'no standards file', message: 'Standards file not found' });
  }
  const reviewers = request.reviewers && reviewersFileSchema.safeParse(request.reviewers.content, { reportInput: true });
  if (reviewers && !reviewers.success) issues.push(...configIssuesFromZod(reviewers.error, request.reviewers!.fileName));
  if (issues.length > 0 || config === undefined || standards === undefined) throw configIssuesError(issues, `Network ${networkId} was not loaded`);
  return { config, standards, ...(reviewers?.success && { reviewers: reviewers.data.reviewers }) };
};

const warningsOf = ({ reviewers }: CheckedNetwork): string[] => {
  const unavailable = (reviewers ?? []).filter((reviewer) => !hasAvailability(reviewer)).map((reviewer) => reviewer.id);
  return unavailable.length === 0 ? [] : [`${unavailable.length} reviewer(s) have no availableOn dates or available ranges, so no visit can be allocated to them yet: ${unavailable.join(', ')}`];
};

const summaryOf = (networkId: string, checked: CheckedNetwork) => ({
  networkId,
  name: checked.config.name,
  membershipTypes: checked.config.membershipTypes,
  standards: { versionId: checked.standards.versionId, count: checked.standards.standards.length, byType: countByType(checked.standards.standards) },
  ...(checked.reviewers && { reviewers: checked.reviewers.length }),
  warnings: warningsOf(checked),
});

export { checkFiles, networkLoadRequestSchema, summaryOf };
export type { CheckedNetwork, NetworkLoadRequest };
