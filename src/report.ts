// The draft peer-review report (CCQI process): a summary, percentages met by standard
// type, unmet standards by type, areas of good practice, areas for development and the
// standards where the review team's rating differs from the service's own. One model,
// rendered to HTML (escaped) and plain text, so the email, the web page and the PDF agree.
import type { Recommendation } from './decision.ts';
import type { IsoDate } from './iso-date.ts';
import { RATING_LABELS, Rating } from './ratings.ts';
import type { Disagreement, ReviewScores } from './scoring.ts';
import { MembershipType, Outcome, STANDARD_TYPES, type StandardType } from './vocabulary.ts';

const TYPE_LABELS: Record<StandardType, string> = { 1: 'Type 1 (essential)', 2: 'Type 2 (expected)', 3: 'Type 3 (desirable)' };
const OUTCOME_LABELS: Record<Outcome, string> = {
  [Outcome.Accredited]: 'Accredited',
  [Outcome.Deferred]: 'Accreditation deferred',
  [Outcome.NotAccredited]: 'Not accredited',
};

interface ReportStandardLine {
  id: string;
  section: string;
  text: string;
  comment?: string;
}

interface DraftReport {
  title: string;
  networkName: string;
  service: { id: string; name: string };
  membershipType: MembershipType;
  preparedOn: IsoDate;
  standardsVersionId: string;
  summary: string;
  percentagesByType: { type: StandardType; label: string; met: number; notMet: number; notApplicable: number; percentage: number | null }[];
  unmetByType: { type: StandardType; label: string; standards: ReportStandardLine[] }[];
  goodPractice: string[];
  areasForDevelopment: string[];
  disagreements: (Disagreement & { text: string })[];
  recommendation?: { outcome: string; reasons: string[] };
}

interface BuildDraftReportInput {
  networkName: string;
  service: { id: string; name: string };
  membershipType: MembershipType;
  preparedOn: IsoDate;
  standardsVersionId: string;
  scores: ReviewScores;
  recommendation?: Recommendation;
  /** From the review team; when empty, sections with every applicable standard met are listed. */
  goodPractice?: string[];
  /** From the review team; when empty, sections with unmet standards are listed. */
  areasForDevelopment?: string[];
}

const percentText = (percentage: number | null): string => (percentage === null ? 'n/a' : `${Math.round(percentage)}%`);

const sectionsWhere = (scores: ReviewScores, predicate: (met: number, notMet: number) => boolean): string[] => {
  const bySection = new Map<string, { met: number; notMet: number }>();
  for (const { standard, effective } of scores.results) {
    const counts = bySection.get(standard.section) ?? { met: 0, notMet: 0 };
    if (effective === Rating.Met) counts.met += 1;
    if (effective === Rating.NotMet) counts.notMet += 1;
    bySection.set(standard.section, counts);
  }
  return [...bySection.entries()].filter(([, c]) => predicate(c.met, c.notMet)).map(([section]) => section);
};

const defaultGoodPractice = (scores: ReviewScores): string[] =>
  sectionsWhere(scores, (met, notMet) => met > 0 && notMet === 0).map((section) => `${section}: every applicable standard met`);

const defaultDevelopment = (scores: ReviewScores): string[] =>
  sectionsWhere(scores, (_met, notMet) => notMet > 0).map((section) => {
    const unmet = scores.results.filter((r) => r.standard.section === section && r.effective === Rating.NotMet).map((r) => r.standard.id);
    return `${section}: ${unmet.length} standard(s) not met (${unmet.join(', ')})`;
  });

const summaryOf = (input: BuildDraftReportInput): string => {
  const { scores } = input;
  const parts = STANDARD_TYPES.filter((type) => scores.byType[type].total > 0).map((type) => `${percentText(scores.byType[type].percentage)} of ${TYPE_LABELS[type]} standards`);
  const met = `${input.service.name} met ${parts.join(', ')}.`;
  const disagreements = scores.disagreements.length === 0 ? '' : ` The review team rated ${scores.disagreements.length} standard(s) differently from the self-review.`;
  const outcome =
    input.membershipType === MembershipType.Developmental
      ? ' As a developmental member the service receives this report without an accreditation outcome.'
      : input.recommendation?.outcome
        ? ` Recommended outcome for the accreditation committee: ${OUTCOME_LABELS[input.recommendation.outcome]}.`
        : '';
  return `${met}${disagreements}${outcome}`;
};

const buildDraftReport = (input: BuildDraftReportInput): DraftReport => {
  const { scores } = input;
  const textOf = new Map(scores.results.map((r) => [r.standard.id, r.standard.text]));
  const goodPractice = input.goodPractice?.length ? input.goodPractice : defaultGoodPractice(scores);
  const areasForDevelopment = input.areasForDevelopment?.length ? input.areasForDevelopment : defaultDevelopment(scores);
  const outcome = input.recommendation?.outcome;
  return {
    title: `${input.membershipType === MembershipType.Accreditation ? 'Accreditation' : 'Developmental'} peer-review report (draft): ${input.service.name}`,
    networkName: input.networkName,
    service: input.service,
    membershipType: input.membershipType,
    preparedOn: input.preparedOn,
    standardsVersionId: input.standardsVersionId,
    summary: summaryOf(input),
    percentagesByType: STANDARD_TYPES.map((type) => {
      const { met, notMet, notApplicable, percentage } = scores.byType[type];
      return { type, label: TYPE_LABELS[type], met, notMet, notApplicable, percentage };
    }),
    unmetByType: STANDARD_TYPES.map((type) => ({
      type,
      label: TYPE_LABELS[type],
      standards: scores.results
        .filter((r) => r.standard.type === type && r.effective === Rating.NotMet)
        .map(({ standard, peer, self }) => {
          const comment = (peer ?? self)?.comment;
          return { id: standard.id, section: standard.section, text: standard.text, ...(comment === undefined ? {} : { comment }) };
        }),
    })),
    goodPractice,
    areasForDevelopment,
    disagreements: scores.disagreements.map((d) => ({ ...d, text: textOf.get(d.standardId) ?? '' })),
    ...(outcome === undefined || outcome === null ? {} : { recommendation: { outcome: OUTCOME_LABELS[outcome], reasons: input.recommendation!.reasons.map((r) => r.message) } }),
  };
};

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);

const htmlList = (items: string[]): string => (items.length === 0 ? '<p>None.</p>' : `<ul>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`);

const renderReportHtml = (report: DraftReport): string => {
  const e = escapeHtml;
  const rows = report.percentagesByType
    .map((p) => `<tr><th scope="row">${e(p.label)}</th><td>${p.met}</td><td>${p.notMet}</td><td>${p.notApplicable}</td><td>${percentText(p.percentage)}</td></tr>`)
    .join('');
  const unmet = report.unmetByType
    .map((group) => `<h3>${e(group.label)}</h3>${group.standards.length === 0 ? '<p>None.</p>' : `<ul>${group.standards.map((s) => `<li><strong>${e(s.id)}</strong> (${e(s.section)}) ${e(s.text)}${s.comment ? ` <em>${e(s.comment)}</em>` : ''}</li>`).join('')}</ul>`}`)
    .join('');
  const disagreements =
    report.disagreements.length === 0
      ? '<p>None.</p>'
      : `<table><thead><tr><th>Standard</th><th>Self-review</th><th>Peer review</th></tr></thead><tbody>${report.disagreements
          .map((d) => `<tr><td><strong>${e(d.standardId)}</strong> ${e(d.text)}</td><td>${e(RATING_LABELS[d.self])}</td><td>${e(RATING_LABELS[d.peer])}${d.peerComment ? `: ${e(d.peerComment)}` : ''}</td></tr>`)
          .join('')}</tbody></table>`;
  const recommendation = report.recommendation
    ? `<h2>Recommendation</h2><p><strong>${e(report.recommendation.outcome)}</strong></p>${htmlList(report.recommendation.reasons)}`
    : '';
  return [
    '<!doctype html>',
    `<html lang="en-GB"><head><meta charset="utf-8"><title>${e(report.title)}</title></head><body>`,
    `<h1>${e(report.title)}</h1>`,
    `<p>${e(report.networkName)}. Prepared ${e(report.preparedOn)}. Standards ${e(report.standardsVersionId)}.</p>`,
    `<h2>Summary</h2><p>${e(report.summary)}</p>`,
    `<h2>Standards met by type</h2><table><thead><tr><th>Type</th><th>Met</th><th>Not met</th><th>Not applicable</th><th>Met (%)</th></tr></thead><tbody>${rows}</tbody></table>`,
    `<h2>Unmet standards</h2>${unmet}`,
    `<h2>Areas of good practice</h2>${htmlList(report.goodPractice)}`,
    `<h2>Areas for development</h2>${htmlList(report.areasForDevelopment)}`,
    `<h2>Ratings that differ from the self-review</h2>${disagreements}`,
    recommendation,
    '</body></html>',
  ].join('\n');
};

const textList = (items: string[]): string => (items.length === 0 ? '  None.' : items.map((item) => `  - ${item}`).join('\n'));

const renderReportText = (report: DraftReport): string =>
  [
    report.title,
    '='.repeat(Math.min(report.title.length, 78)),
    `${report.networkName}. Prepared ${report.preparedOn}. Standards ${report.standardsVersionId}.`,
    '',
    'SUMMARY',
    report.summary,
    '',
    'STANDARDS MET BY TYPE',
    ...report.percentagesByType.map((p) => `  ${p.label}: ${p.met} met, ${p.notMet} not met, ${p.notApplicable} n/a, ${percentText(p.percentage)}`),
    '',
    'UNMET STANDARDS',
    ...report.unmetByType.map((g) => `  ${g.label}:\n${g.standards.length === 0 ? '    None.' : g.standards.map((s) => `    ${s.id} (${s.section}) ${s.text}${s.comment ? ` [${s.comment}]` : ''}`).join('\n')}`),
    '',
    'AREAS OF GOOD PRACTICE',
    textList(report.goodPractice),
    '',
    'AREAS FOR DEVELOPMENT',
    textList(report.areasForDevelopment),
    '',
    'RATINGS THAT DIFFER FROM THE SELF-REVIEW',
    textList(report.disagreements.map((d) => `${d.standardId}: self ${RATING_LABELS[d.self]}, peer ${RATING_LABELS[d.peer]}${d.peerComment ? ` (${d.peerComment})` : ''}. ${d.text}`)),
    ...(report.recommendation ? ['', 'RECOMMENDATION', `  ${report.recommendation.outcome}`, textList(report.recommendation.reasons)] : []),
    '',
  ].join('\n');

export { buildDraftReport, escapeHtml, OUTCOME_LABELS, renderReportHtml, renderReportText, TYPE_LABELS };
export type { BuildDraftReportInput, DraftReport, ReportStandardLine };
