// The service's self-review, answered per standard over weeks by several people of the ward team
// (DESIGN §1.2: met / not met / not applicable, with a comment and evidence). Each standard's answer
// is saved on its own with a version, so two people never overwrite each other silently: a save
// based on an older version than the stored one is refused with who changed it and when.
import type { EvidenceFile } from './evidence-files.ts';
import type { Rating } from './ratings.ts';
import type { Standard } from './standards.ts';

const SectionProgress = {
  notStarted: 'not-started',
  inProgress: 'in-progress',
  completed: 'completed',
} as const;
type SectionProgress = (typeof SectionProgress)[keyof typeof SectionProgress];

interface EvidenceLink {
  /** Absent on links saved before files existed. */
  kind?: 'link';
  title: string;
  url: string;
}

/** One piece of evidence: a link, or a file uploaded to the evidence bucket (src/evidence-files.ts). */
type Evidence = EvidenceLink | EvidenceFile;

const isEvidenceFile = (evidence: Evidence): evidence is EvidenceFile => evidence.kind === 'file';

/** One standard's saved answer: each save makes the next version (1 for the first save). */
interface SelfReviewAnswer {
  standardId: string;
  rating?: Rating;
  comment?: string;
  evidence?: Evidence[];
  version: number;
  savedBy: string;
  savedAt: string;
}

interface SectionView {
  section: string;
  progress: SectionProgress;
  answered: number;
  standards: (Standard & { answer?: SelfReviewAnswer })[];
}

/** Whether anything was given for the standard (a rating, a comment or a link). */
const isStarted = (answer: SelfReviewAnswer | undefined): boolean =>
  answer !== undefined && (answer.rating !== undefined || (answer.comment ?? '').trim() !== '' || (answer.evidence ?? []).length > 0);

/** A section is completed when every standard in it is rated; a comment or link alone starts it. */
const progressOf = (standards: readonly Standard[], answers: ReadonlyMap<string, SelfReviewAnswer>): SectionProgress => {
  if (standards.every((standard) => answers.get(standard.id)?.rating !== undefined)) return SectionProgress.completed;
  return standards.some((standard) => isStarted(answers.get(standard.id))) ? SectionProgress.inProgress : SectionProgress.notStarted;
};

/** The standards grouped by section, in the order the network's file lists them, each with its answer. */
const selfReviewSections = (standards: readonly Standard[], answers: readonly SelfReviewAnswer[]): SectionView[] => {
  const byId = new Map(answers.map((answer) => [answer.standardId, answer]));
  const sections = new Map<string, Standard[]>();
  for (const standard of standards) sections.set(standard.section, [...(sections.get(standard.section) ?? []), standard]);
  return [...sections].map(([section, members]) => ({
    section,
    progress: progressOf(members, byId),
    answered: members.filter((standard) => byId.get(standard.id)?.rating !== undefined).length,
    standards: members.map((standard) => ({ ...standard, ...(byId.has(standard.id) ? { answer: byId.get(standard.id) } : {}) })),
  }));
};

/** The ids that are not standards of the cycle's standards version, in the order given. */
const unknownStandardIds = (ids: readonly string[], standards: readonly Standard[]): string[] => {
  const known = new Set(standards.map((standard) => standard.id));
  return ids.filter((id) => !known.has(id));
};

/** The standards without a rating among the saved answers: a submission from them must rate every one. */
const unratedStandardIds = (standards: readonly Standard[], answers: readonly SelfReviewAnswer[]): string[] => {
  const rated = new Set(answers.filter((answer) => answer.rating !== undefined).map((answer) => answer.standardId));
  return standards.filter((standard) => !rated.has(standard.id)).map((standard) => standard.id);
};

/**
 * The submission the workflow receives, built from the saved answers: the ratings map (what the
 * report and the peer-ratings form read) and the version of each answer submitted. Comments and
 * evidence stay in the saved answers, which no one can change once the step is submitted: 300
 * standards' comments would pass Step Functions' 256 KB payload and DynamoDB's 400 KB item limits.
 */
const submissionFromAnswers = (answers: readonly SelfReviewAnswer[]) => ({
  ratings: Object.fromEntries(answers.filter((answer) => answer.rating !== undefined).map((answer) => [answer.standardId, answer.rating])),
  answerVersions: Object.fromEntries(answers.map((answer) => [answer.standardId, answer.version])),
});

export { isEvidenceFile, SectionProgress, progressOf, selfReviewSections, submissionFromAnswers, unknownStandardIds, unratedStandardIds };
export type { Evidence, EvidenceLink, SectionView, SelfReviewAnswer };
