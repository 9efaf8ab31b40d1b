// The network report (issue 13, "sharing what the network learns"): from a cohort's decided cycles,
// how the members did on each standard (% met, N/A left out of the denominator as in CCQI reports,
// scoring.ts), by standard type, the distribution of members' overall compliance, and each member's
// position. Networks publish this so that members "identify areas of good practice and reflect on
// areas for improvement" without naming anyone: a member sees its own name and rating, every other
// member only as "Member n"; network staff see every name.
//
// Anonymous labels follow the members' rank (Member 1 did best), not their ids or names, which
// would let a reader who knows the membership list work out who is who.
import { RATING_LABELS, Rating } from './ratings.ts';
import type { Standard } from './standards.ts';
import { STANDARD_TYPES } from './vocabulary.ts';
import type { StandardType } from './vocabulary.ts';

interface ReportMember {
  serviceId: string;
  serviceName: string;
  cycleId: string;
  /** The rating that counts for each standard (the peer rating, else the service's own: scoring.ts). */
  ratings: ReadonlyMap<string, Rating>;
}

/** Who reads the report: staff see names; a service sees its own services' names only. */
type ReportViewer = { kind: 'staff' } | { kind: 'service'; serviceIds: readonly string[] };

interface Tally {
  met: number;
  notMet: number;
  notApplicable: number;
  /** 0–100 of met over applicable, or null when nothing was applicable. */
  percentageMet: number | null;
}

interface StandardLine extends Tally {
  id: string;
  section: string;
  type: StandardType;
  text: string;
  /** The reader's own rating, for a service reading the report. */
  own?: Rating;
}

interface MemberPosition {
  /** 1 for the highest overall compliance; equal percentages share a rank. */
  rank: number;
  label: string;
  own: boolean;
  serviceId?: string;
  cycleId?: string;
  percentageMet: number | null;
  byType: Record<StandardType, number | null>;
}

interface NetworkReport {
  members: number;
  byType: (Tally & { type: StandardType })[];
  standards: StandardLine[];
  /** Members by overall % met in bands of 10 (the last band includes 100). */
  distribution: { from: number; to: number; members: number }[];
  positions: MemberPosition[];
}

const percentage = (met: number, notMet: number): number | null => (met + notMet === 0 ? null : Math.round((1000 * met) / (met + notMet)) / 10);

const tally = (ratings: Iterable<Rating | undefined>): Tally => {
  let met = 0;
  let notMet = 0;
  let notApplicable = 0;
  for (const rating of ratings) {
    if (rating === Rating.Met) met += 1;
    else if (rating === Rating.NotMet) notMet += 1;
    else if (rating === Rating.NotApplicable) notApplicable += 1;
  }
  return { met, notMet, notApplicable, percentageMet: percentage(met, notMet) };
};

const BANDS = Array.from({ length: 10 }, (_, index) => ({ from: index * 10, to: index * 10 + 10 }));

const buildNetworkReport = (standards: readonly Pick<Standard, 'id' | 'section' | 'type' | 'text'>[], members: readonly ReportMember[], viewer: ReportViewer): NetworkReport => {
  const ownIds = new Set(viewer.kind === 'service' ? viewer.serviceIds : []);
  const ownMember = members.find((member) => ownIds.has(member.serviceId));
  const lines: StandardLine[] = standards.map((standard) => ({
    id: standard.id,
    section: standard.section,
    type: standard.type,
    text: standard.text,
    ...tally(members.map((member) => member.ratings.get(standard.id))),
    ...(ownMember?.ratings.get(standard.id) ? { own: ownMember.ratings.get(standard.id) } : {}),
  }));
  const byType = STANDARD_TYPES.map((type) => {
    const ofType = lines.filter((line) => line.type === type);
    const met = ofType.reduce((total, line) => total + line.met, 0);
    const notMet = ofType.reduce((total, line) => total + line.notMet, 0);
    const notApplicable = ofType.reduce((total, line) => total + line.notApplicable, 0);
    return { type, met, notMet, notApplicable, percentageMet: percentage(met, notMet) };
  });
  const idsOfType = STANDARD_TYPES.map((type) => [type, standards.filter((standard) => standard.type === type).map((standard) => standard.id)] as const);
  const scored = members.map((member) => {
    const overall = tally(standards.map((standard) => member.ratings.get(standard.id)));
    const byMemberType = Object.fromEntries(idsOfType.map(([type, ids]) => [type, tally(ids.map((id) => member.ratings.get(id))).percentageMet])) as Record<StandardType, number | null>;
    return { member, percentageMet: overall.percentageMet, byType: byMemberType };
  });
  // Highest first; a member with nothing applicable last. Ties keep a stable but meaningless order (by cycle id).
  scored.sort((a, b) => (b.percentageMet ?? -1) - (a.percentageMet ?? -1) || (a.member.cycleId < b.member.cycleId ? -1 : 1));
  const firstOf = new Map<number | null, number>();
  scored.forEach(({ percentageMet }, index) => {
    if (!firstOf.has(percentageMet)) firstOf.set(percentageMet, index);
  });
  const positions: MemberPosition[] = scored.map(({ member, percentageMet, byType: memberByType }, index) => {
    const rank = (firstOf.get(percentageMet) ?? index) + 1;
    const own = ownIds.has(member.serviceId);
    const named = viewer.kind === 'staff' || own;
    return {
      rank,
      label: named ? member.serviceName : `Member ${index + 1}`,
      own,
      ...(named ? { serviceId: member.serviceId, cycleId: member.cycleId } : {}),
      percentageMet,
      byType: memberByType,
    };
  });
  const distribution = BANDS.map((band, index) => ({
    ...band,
    members: scored.filter(({ percentageMet }) => percentageMet !== null && percentageMet >= band.from && (percentageMet < band.to || (index === BANDS.length - 1 && percentageMet <= band.to))).length,
  }));
  return { members: members.length, byType, standards: lines, distribution, positions };
};

/** The report's per-standard table as CSV records (header first), for the download. */
const networkReportRecords = (report: NetworkReport): string[][] => {
  const withOwn = report.standards.some((line) => line.own !== undefined);
  const header = ['standard', 'section', 'type', 'text', 'met', 'not met', 'not applicable', 'percentage met', ...(withOwn ? ['your rating'] : [])];
  return [
    header,
    ...report.standards.map((line) => [
      line.id,
      line.section,
      String(line.type),
      line.text,
      String(line.met),
      String(line.notMet),
      String(line.notApplicable),
      line.percentageMet === null ? '' : String(line.percentageMet),
      ...(withOwn ? [line.own ? RATING_LABELS[line.own] : ''] : []),
    ]),
  ];
};

export { buildNetworkReport, networkReportRecords };
export type { MemberPosition, NetworkReport, ReportMember, ReportViewer, StandardLine };
