// Bodies and queries of the HTTP API. Field names here are what a 400 names.
// zod/mini (#core/zod-mini): classic zod's methods would put all of zod into the HTTP API's bundle.
// Named imports, not the `z` namespace: it would drag every locale in too.
import { _default, array, boolean, email, extend, gte, int, literal, lte, maxLength, minLength, number, object, optional, pipe, record, refine, regex, string, transform, trim, union, url, enum as zEnum } from '#core/zod-mini';
import type { z } from '#core/zod-mini';
import { HardRule } from '#core/allocation-rules';
import { EVIDENCE_CONTENT_TYPES, EvidenceStage } from '#core/evidence-files';
import type { EvidenceContentType } from '#core/evidence-files';
import { MAX_CORRECTION_LENGTH, REPORT_SECTIONS, ReportSection } from '#core/report-corrections';
import { CallbackStage, ExtendableStage, MembershipType, Outcome, ResumeStage, ReviewerRole } from '#core/vocabulary';
import { idSchema, isoDateSchema, reviewerPathSchema } from './workflow.ts';

// Cycle ids join cohort and service ids and name the execution, which Step Functions limits to
// 80 characters: 30 + 2 + 30, plus 16 for the suffix of a resumed execution.
const shortIdSchema = idSchema.check(maxLength(30));
const personSchema = string().check(trim(), minLength(1), maxLength(200));
const ratingSchema = zEnum(['met', 'not-met', 'not-applicable']);

const enrolServiceRequestSchema = object({
  serviceId: shortIdSchema,
  name: string().check(trim(), minLength(1), maxLength(200)),
  organisationId: idSchema,
  networkId: idSchema,
  /** Optional when the network offers a single membership type. */
  membershipType: optional(zEnum(Object.values(MembershipType))),
  leadEmail: email(),
  /** The organisation's QI lead, escalated to after the service lead (DESIGN §1). */
  qiLeadEmail: optional(email()),
});
type EnrolServiceRequest = z.infer<typeof enrolServiceRequestSchema>;

const startCycleRequestSchema = object({
  serviceId: shortIdSchema,
  cohortId: shortIdSchema,
  /** Defaults to today (the workflow clock). */
  startDate: optional(isoDateSchema),
});
type StartCycleRequest = z.infer<typeof startCycleRequestSchema>;

const resumeCycleRequestSchema = object({
  resumeAt: zEnum(Object.values(ResumeStage)),
  reason: string().check(trim(), minLength(1), maxLength(1_000)),
});

const withdrawCycleRequestSchema = object({
  withdrawnBy: personSchema,
  reason: string().check(trim(), minLength(1), maxLength(2_000)),
});

const extendDeadlineRequestSchema = object({
  extendedBy: personSchema,
  /** The new due day (the deadline is the end of that UK day). */
  dueOn: isoDateSchema,
  reason: string().check(trim(), minLength(1), maxLength(2_000)),
});

/** What the cohort board filters on beyond network, cohort and stage (functions/commons/data/cycle-board.ts). */
const BoardFilter = { overdue: 'overdue', stuck: 'stuck', waitingForStaff: 'waiting-for-staff', mine: 'mine' } as const;
const BoardSort = { deadline: 'deadline', service: 'service', stage: 'stage', updated: 'updated' } as const;
const BOARD_PAGE_MAX = 100;

const listCyclesQuerySchema = object({
  networkId: optional(idSchema),
  cohortId: optional(idSchema),
  stage: optional(string().check(minLength(1))),
  filter: optional(zEnum(Object.values(BoardFilter))),
  /**
   * The caller's own cohorts for filter=mine, comma-separated. The API keeps no record of which
   * cohorts a staff member runs (a launch does not record who launched it), so the caller names them;
   * the web app remembers them per browser.
   */
  myCohorts: optional(
    pipe(
      pipe(string(), transform((text: string) => text.split(',').map((cohort) => cohort.trim()).filter((cohort) => cohort !== ''))),
      array(idSchema).check(minLength(1), maxLength(20)),
    ),
  ),
  sort: optional(zEnum(Object.values(BoardSort))),
  order: _default(zEnum(['asc', 'desc']), 'asc'),
  limit: _default(pipe(pipe(string().check(regex(/^\d+$/, 'a whole number')), transform(Number)), number().check(int(), gte(1), lte(BOARD_PAGE_MAX))), BOARD_PAGE_MAX),
  /** Opaque: the nextCursor of the previous page, as given (decoded and checked by the data layer). */
  cursor: optional(string().check(minLength(1), maxLength(2_000))),
}).check(
  refine((query) => query.filter !== BoardFilter.mine || query.myCohorts !== undefined, {
    path: ['myCohorts'],
    message: 'filter=mine needs myCohorts (comma-separated cohort ids)',
  }),
);
type ListCyclesQuery = z.infer<typeof listCyclesQuerySchema>;

const selfReviewSubmissionSchema = object({
  submittedBy: personSchema,
  summary: _default(string().check(maxLength(10_000)), ''),
  ratings: _default(record(string(), ratingSchema), {}),
  /** Submit the answers saved per standard (PUT .../self-review/answers/{standardId}) instead of `ratings`. */
  fromSavedAnswers: optional(boolean()),
});

/** An evidence link: https only (an http or javascript: link would be shown to reviewers and the committee). */
const evidenceLinkSchema = object({
  title: string().check(trim(), minLength(1), maxLength(200)),
  url: url({ protocol: /^https$/, hostname: /./, error: 'must be an https:// address' }).check(maxLength(2_000)),
});

/**
 * An uploaded evidence file as the page records it on the answer. The key must be one the API
 * handed out for this cycle, stage and standard (checked by the route); the type and size are
 * read back from the stored object, not trusted from here.
 */
const evidenceFileSchema = object({
  kind: literal('file'),
  key: string().check(minLength(1), maxLength(1_024)),
  name: string().check(trim(), minLength(1), maxLength(255)),
  contentType: zEnum(Object.keys(EVIDENCE_CONTENT_TYPES) as [EvidenceContentType, ...EvidenceContentType[]]),
  size: number().check(int(), gte(0)),
});
/** One piece of evidence on an answer: a file (above) or an https link. Deferral evidence can take a list of these next. */
const evidenceSchema = union([evidenceFileSchema, extend(evidenceLinkSchema, { kind: optional(literal('link')) })]);

/** A request for a presigned POST: the file's name, type and size, checked before anything is signed. */
const evidenceUploadRequestSchema = object({
  fileName: string().check(trim(), minLength(1), maxLength(255)),
  contentType: string().check(minLength(1), maxLength(200)),
  size: number().check(int(), gte(1)),
});
const evidenceUploadPathSchema = object({
  cycleId: idSchema.check(maxLength(80)),
  stage: zEnum(Object.values(EvidenceStage)),
  standardId: string().check(minLength(1), maxLength(80)),
});
const evidenceDownloadQuerySchema = object({ key: string().check(minLength(1), maxLength(1_024)), name: optional(string().check(trim(), minLength(1), maxLength(255))) });

/** One standard's self-review answer, saved as the person goes; `basedOnVersion` is the version they started from (0: none). */
const selfReviewAnswerSaveSchema = object({
  rating: optional(ratingSchema),
  comment: optional(string().check(maxLength(4_000))),
  evidence: optional(array(evidenceSchema).check(maxLength(50))),
  basedOnVersion: number().check(int(), gte(0)),
  savedBy: personSchema,
});
const selfReviewAnswerPathSchema = object({ cycleId: idSchema.check(maxLength(80)), standardId: string().check(minLength(1), maxLength(80)) });

const dateOfferSubmissionSchema = object({
  offeredBy: personSchema,
  // DESIGN §1.3: three dates on at least two different weekdays (checked by #core/visit-dates).
  dates: array(isoDateSchema).check(minLength(1), maxLength(10)),
  hostAddress: optional(string().check(trim(), maxLength(500))),
});

const teamMemberRequestSchema = object({
  reviewerId: idSchema,
  role: zEnum(Object.values(ReviewerRole)),
});

/** Breaking a rule the network lists as overridable, for one reviewer (or, for team composition, the team), with why. */
const ruleOverrideSchema = object({
  reviewerId: optional(idSchema),
  rule: zEnum(Object.values(HardRule)),
  reason: string().check(trim(), minLength(1), maxLength(2_000)),
});

const manualAllocationSubmissionSchema = object({
  allocatedBy: personSchema,
  /** One of the dates the host offered. */
  date: isoDateSchema,
  team: array(teamMemberRequestSchema).check(minLength(1), maxLength(10)),
  note: optional(string().check(maxLength(2_000))),
  overrides: optional(array(ruleOverrideSchema).check(maxLength(50))),
});

const visitCancellationSchema = object({
  cancelledBy: personSchema,
  reason: string().check(trim(), minLength(1), maxLength(2_000)),
});

const peerRatingSchema = object({
  standardId: string().check(minLength(1), maxLength(80)),
  rating: ratingSchema,
  comment: optional(string().check(maxLength(4_000))),
});

const peerRatingsSubmissionSchema = object({
  submittedBy: personSchema,
  ratings: array(peerRatingSchema).check(minLength(1), maxLength(2_000)),
  goodPractice: optional(array(string().check(trim(), minLength(1), maxLength(1_000))).check(maxLength(50))),
  areasForDevelopment: optional(array(string().check(trim(), minLength(1), maxLength(1_000))).check(maxLength(50))),
});

/** One correction of fact, against one section of the draft report (src/report-corrections.ts). */
const correctionSchema = object({
  section: zEnum(REPORT_SECTIONS),
  text: string().check(trim(), minLength(1), maxLength(MAX_CORRECTION_LENGTH)),
});

/**
 * Corrections per section of the report. The body before issue 9 sent one text for the whole
 * report; it is still accepted and stored in the new shape, as one correction of the whole report,
 * so every stored answer has one shape (readers also go through #core/report-corrections).
 */
const correctionsSchema = pipe(
  transform((value: unknown) => (typeof value === 'string' ? (value.trim() === '' ? [] : [{ section: ReportSection.wholeReport, text: value }]) : value)),
  array(correctionSchema).check(maxLength(REPORT_SECTIONS.length)),
);

const factualAccuracySubmissionSchema = object({
  respondedBy: personSchema,
  /** true: the draft is factually accurate; false: corrections follow. */
  accepted: boolean(),
  corrections: optional(correctionsSchema),
}).check(
  refine((body) => body.accepted || (body.corrections ?? []).length > 0, {
    message: 'corrections are required when the draft is not accepted',
    path: ['corrections'],
  }),
  refine((body) => !body.accepted || (body.corrections ?? []).length === 0, {
    message: 'corrections must be left out when the draft is accepted',
    path: ['corrections'],
  }),
  refine((body) => new Set((body.corrections ?? []).map((correction) => correction.section)).size === (body.corrections ?? []).length, {
    message: 'each section may be corrected once; put everything about a section in its one correction',
    path: ['corrections'],
  }),
);

const committeeDecisionSubmissionSchema = object({
  decidedBy: personSchema,
  outcome: zEnum(Object.values(Outcome)),
  // The committee's recorded decision, with its reason, is what counts (DESIGN §1.5).
  reason: string().check(trim(), minLength(1), maxLength(10_000)),
});

const deferralEvidenceSubmissionSchema = object({
  submittedBy: personSchema,
  summary: string().check(trim(), minLength(1), maxLength(10_000)),
  /** Per unmet standard: a statement and, optionally, links to the evidence (file uploads come later). */
  evidence: array(object({ standardId: string().check(minLength(1), maxLength(80)), note: string().check(trim(), minLength(1), maxLength(4_000)), links: optional(array(evidenceLinkSchema).check(maxLength(20))) })).check(minLength(1), maxLength(500)),
});

const appealSubmissionSchema = object({
  lodgedBy: personSchema,
  grounds: string().check(trim(), minLength(1), maxLength(20_000)),
});

/** Stages completed through `POST /cycles/{cycleId}/tasks/{stage}`, and who is named as the actor. */
const submissionSchemas = {
  [CallbackStage.selfReview]: selfReviewSubmissionSchema,
  [CallbackStage.peerReviewScheduling]: dateOfferSubmissionSchema,
  [CallbackStage.manualAllocation]: manualAllocationSubmissionSchema,
  [CallbackStage.visit]: visitCancellationSchema,
  [CallbackStage.peerRatings]: peerRatingsSubmissionSchema,
  [CallbackStage.factualAccuracy]: factualAccuracySubmissionSchema,
  [CallbackStage.committeeDecision]: committeeDecisionSubmissionSchema,
  [CallbackStage.deferralEvidence]: deferralEvidenceSubmissionSchema,
  [CallbackStage.appeal]: appealSubmissionSchema,
} as const;
type SubmittableStage = keyof typeof submissionSchemas;

const actorFields: Record<SubmittableStage, string> = {
  [CallbackStage.selfReview]: 'submittedBy',
  [CallbackStage.peerReviewScheduling]: 'offeredBy',
  [CallbackStage.manualAllocation]: 'allocatedBy',
  [CallbackStage.visit]: 'cancelledBy',
  [CallbackStage.peerRatings]: 'submittedBy',
  [CallbackStage.factualAccuracy]: 'respondedBy',
  [CallbackStage.committeeDecision]: 'decidedBy',
  [CallbackStage.deferralEvidence]: 'submittedBy',
  [CallbackStage.appeal]: 'lodgedBy',
};

const taskPathSchema = object({ cycleId: idSchema.check(maxLength(80)), stage: zEnum(Object.keys(submissionSchemas) as [SubmittableStage, ...SubmittableStage[]]) });
const anyTaskPathSchema = object({ cycleId: idSchema.check(maxLength(80)), stage: zEnum(Object.values(CallbackStage)) });
const extensionPathSchema = object({ cycleId: idSchema.check(maxLength(80)), stage: zEnum(Object.values(ExtendableStage)) });

const invitationAnswerSchema = object({
  reason: optional(string().check(trim(), maxLength(2_000))),
});

/** Both ends included; `to` left out: from `from` on, until said otherwise (src/reviewer-availability.ts). */
const dateRangeSchema = object({ from: isoDateSchema, to: optional(isoDateSchema) }).check(
  refine((range) => range.to === undefined || range.from <= range.to, {
    message: 'to is before from',
    path: ['to'],
  }),
);
/** A day the reviewer cannot do, or a range of them; a day is stored as a one-day range. */
const unavailableSchema = union([pipe(isoDateSchema, transform((day: string) => ({ from: day, to: day }))), dateRangeSchema]);

const reviewerImportSchema = object({
  reviewers: array(
    object({
      id: idSchema,
      name: personSchema,
      email: email(),
      serviceId: optional(idSchema),
      organisationId: optional(idSchema),
      roles: array(zEnum(Object.values(ReviewerRole))).check(minLength(1)),
      leadTrainingExpiresOn: optional(isoDateSchema),
      /** When they can visit: days (the older form), ranges, or both; neither: no day yet. */
      availableOn: optional(array(isoDateSchema).check(maxLength(1_000))),
      available: optional(array(dateRangeSchema).check(maxLength(100))),
      unavailable: optional(array(unavailableSchema).check(maxLength(1_000))),
      conflicts: optional(array(string().check(minLength(1), maxLength(80))).check(maxLength(100))),
      reviewsThisYear: _default(number().check(int(), gte(0)), 0),
    }),
  ).check(minLength(1), maxLength(5_000)),
});

const standardsImportSchema = object({
  /** The standards CSV (id, section, type, text, guidance); its size limit is checked by the route (413). */
  csv: string().check(minLength(1), maxLength(10_000_000)),
  /** Defaults to the version the network configuration declares. */
  version: optional(string().check(trim(), minLength(1), maxLength(50))),
});

const cycleIdOf = (cohortId: string, serviceId: string): string => `${cohortId}--${serviceId}`;

export {
  actorFields,
  anyTaskPathSchema,
  committeeDecisionSubmissionSchema,
  cycleIdOf,
  dateOfferSubmissionSchema,
  evidenceDownloadQuerySchema,
  evidenceSchema,
  evidenceUploadPathSchema,
  evidenceUploadRequestSchema,
  enrolServiceRequestSchema,
  extendDeadlineRequestSchema,
  extensionPathSchema,
  invitationAnswerSchema,
  BOARD_PAGE_MAX,
  BoardFilter,
  BoardSort,
  listCyclesQuerySchema,
  manualAllocationSubmissionSchema,
  peerRatingsSubmissionSchema,
  resumeCycleRequestSchema,
  reviewerImportSchema,
  reviewerPathSchema,
  selfReviewAnswerPathSchema,
  selfReviewAnswerSaveSchema,
  selfReviewSubmissionSchema,
  standardsImportSchema,
  startCycleRequestSchema,
  submissionSchemas,
  taskPathSchema,
  visitCancellationSchema,
  withdrawCycleRequestSchema,
};
export type { EnrolServiceRequest, ListCyclesQuery, StartCycleRequest, SubmittableStage };
