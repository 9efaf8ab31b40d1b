// Bodies and queries of the HTTP API. Field names here are what a 400 names.
// Named imports, not the `z` namespace: it would drag all of zod (every locale) into each Lambda bundle.
import { array, boolean, email, literal, maxLength, number, object, optional, pipe, preprocess, record, string, transform, union, url, enum as zEnum } from 'zod';
import type { z } from 'zod';
import { HardRule } from '#core/allocation-rules';
import { EVIDENCE_CONTENT_TYPES, EvidenceStage } from '#core/evidence-files';
import type { EvidenceContentType } from '#core/evidence-files';
import { MAX_CORRECTION_LENGTH, REPORT_SECTIONS, ReportSection } from '#core/report-corrections';
import { CallbackStage, ExtendableStage, MembershipType, Outcome, ResumeStage, ReviewerRole } from '#core/vocabulary';
import { idSchema, isoDateSchema, reviewerPathSchema } from './workflow.ts';

// Cycle ids join cohort and service ids and name the execution, which Step Functions limits to
// 80 characters: 30 + 2 + 30, plus 16 for the suffix of a resumed execution.
const shortIdSchema = idSchema.check(maxLength(30));
const personSchema = string().trim().min(1).max(200);
const ratingSchema = zEnum(['met', 'not-met', 'not-applicable']);

const enrolServiceRequestSchema = object({
  serviceId: shortIdSchema,
  name: string().trim().min(1).max(200),
  organisationId: idSchema,
  networkId: idSchema,
  /** Optional when the network offers a single membership type. */
  membershipType: zEnum(Object.values(MembershipType)).optional(),
  leadEmail: email(),
  /** The organisation's QI lead, escalated to after the service lead (DESIGN §1). */
  qiLeadEmail: email().optional(),
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
  reason: string().trim().min(1).max(1_000),
});

const withdrawCycleRequestSchema = object({
  withdrawnBy: personSchema,
  reason: string().trim().min(1).max(2_000),
});

const extendDeadlineRequestSchema = object({
  extendedBy: personSchema,
  /** The new due day (the deadline is the end of that UK day). */
  dueOn: isoDateSchema,
  reason: string().trim().min(1).max(2_000),
});

/** What the cohort board filters on beyond network, cohort and stage (functions/commons/data/cycle-board.ts). */
const BoardFilter = { overdue: 'overdue', stuck: 'stuck', waitingForStaff: 'waiting-for-staff', mine: 'mine' } as const;
const BoardSort = { deadline: 'deadline', service: 'service', stage: 'stage', updated: 'updated' } as const;
const BOARD_PAGE_MAX = 100;

const listCyclesQuerySchema = object({
  networkId: optional(idSchema),
  cohortId: optional(idSchema),
  stage: string().min(1).optional(),
  filter: zEnum(Object.values(BoardFilter)).optional(),
  /**
   * The caller's own cohorts for filter=mine, comma-separated. The API keeps no record of which
   * cohorts a staff member runs (a launch does not record who launched it), so the caller names them;
   * the web app remembers them per browser.
   */
  myCohorts: string()
    .transform((text) => text.split(',').map((cohort) => cohort.trim()).filter((cohort) => cohort !== ''))
    .pipe(array(idSchema).min(1).max(20))
    .optional(),
  sort: zEnum(Object.values(BoardSort)).optional(),
  order: zEnum(['asc', 'desc']).default('asc'),
  limit: string()
    .regex(/^\d+$/, 'a whole number')
    .transform(Number)
    .pipe(number().int().min(1).max(BOARD_PAGE_MAX))
    .default(BOARD_PAGE_MAX),
  /** Opaque: the nextCursor of the previous page, as given (decoded and checked by the data layer). */
  cursor: string().min(1).max(2_000).optional(),
}).refine((query) => query.filter !== BoardFilter.mine || query.myCohorts !== undefined, {
  path: ['myCohorts'],
  message: 'filter=mine needs myCohorts (comma-separated cohort ids)',
});
type ListCyclesQuery = z.infer<typeof listCyclesQuerySchema>;

const selfReviewSubmissionSchema = object({
  submittedBy: personSchema,
  summary: string().max(10_000).default(''),
  ratings: record(string(), ratingSchema).default({}),
  /** Submit the answers saved per standard (PUT .../self-review/answers/{standardId}) instead of `ratings`. */
  fromSavedAnswers: boolean().optional(),
});

/** An evidence link: https only (an http or javascript: link would be shown to reviewers and the committee). */
const evidenceLinkSchema = object({
  title: string().trim().min(1).max(200),
  url: url({ protocol: /^https$/, hostname: /./, error: 'must be an https:// address' }).max(2_000),
});

/**
 * An uploaded evidence file as the page records it on the answer. The key must be one the API
 * handed out for this cycle, stage and standard (checked by the route); the type and size are
 * read back from the stored object, not trusted from here.
 */
const evidenceFileSchema = object({
  kind: literal('file'),
  key: string().min(1).max(1_024),
  name: string().trim().min(1).max(255),
  contentType: zEnum(Object.keys(EVIDENCE_CONTENT_TYPES) as [EvidenceContentType, ...EvidenceContentType[]]),
  size: number().int().min(0),
});
/** One piece of evidence on an answer: a file (above) or an https link. Deferral evidence can take a list of these next. */
const evidenceSchema = union([evidenceFileSchema, evidenceLinkSchema.extend({ kind: literal('link').optional() })]);

/** A request for a presigned POST: the file's name, type and size, checked before anything is signed. */
const evidenceUploadRequestSchema = object({
  fileName: string().trim().min(1).max(255),
  contentType: string().min(1).max(200),
  size: number().int().min(1),
});
const evidenceUploadPathSchema = object({
  cycleId: idSchema.check(maxLength(80)),
  stage: zEnum(Object.values(EvidenceStage)),
  standardId: string().min(1).max(80),
});
const evidenceDownloadQuerySchema = object({ key: string().min(1).max(1_024), name: string().trim().min(1).max(255).optional() });

/** One standard's self-review answer, saved as the person goes; `basedOnVersion` is the version they started from (0: none). */
const selfReviewAnswerSaveSchema = object({
  rating: ratingSchema.optional(),
  comment: string().max(4_000).optional(),
  evidence: array(evidenceSchema).max(50).optional(),
  basedOnVersion: number().int().min(0),
  savedBy: personSchema,
});
const selfReviewAnswerPathSchema = object({ cycleId: idSchema.check(maxLength(80)), standardId: string().min(1).max(80) });

const dateOfferSubmissionSchema = object({
  offeredBy: personSchema,
  // DESIGN §1.3: three dates on at least two different weekdays (checked by #core/visit-dates).
  dates: array(isoDateSchema).min(1).max(10),
  hostAddress: string().trim().max(500).optional(),
});

const teamMemberRequestSchema = object({
  reviewerId: idSchema,
  role: zEnum(Object.values(ReviewerRole)),
});

/** Breaking a rule the network lists as overridable, for one reviewer (or, for team composition, the team), with why. */
const ruleOverrideSchema = object({
  reviewerId: optional(idSchema),
  rule: zEnum(Object.values(HardRule)),
  reason: string().trim().min(1).max(2_000),
});

const manualAllocationSubmissionSchema = object({
  allocatedBy: personSchema,
  /** One of the dates the host offered. */
  date: isoDateSchema,
  team: array(teamMemberRequestSchema).min(1).max(10),
  note: string().max(2_000).optional(),
  overrides: array(ruleOverrideSchema).max(50).optional(),
});

const visitCancellationSchema = object({
  cancelledBy: personSchema,
  reason: string().trim().min(1).max(2_000),
});

const peerRatingSchema = object({
  standardId: string().min(1).max(80),
  rating: ratingSchema,
  comment: string().max(4_000).optional(),
});

const peerRatingsSubmissionSchema = object({
  submittedBy: personSchema,
  ratings: array(peerRatingSchema).min(1).max(2_000),
  goodPractice: array(string().trim().min(1).max(1_000)).max(50).optional(),
  areasForDevelopment: array(string().trim().min(1).max(1_000)).max(50).optional(),
});

/** One correction of fact, against one section of the draft report (src/report-corrections.ts). */
const correctionSchema = object({
  section: zEnum(REPORT_SECTIONS),
  text: string().trim().min(1).max(MAX_CORRECTION_LENGTH),
});

/**
 * Corrections per section of the report. The body before issue 9 sent one text for the whole
 * report; it is still accepted and stored in the new shape, as one correction of the whole report,
 * so every stored answer has one shape (readers also go through #core/report-corrections).
 */
const correctionsSchema = preprocess(
  (value) => (typeof value === 'string' ? (value.trim() === '' ? [] : [{ section: ReportSection.wholeReport, text: value }]) : value),
  array(correctionSchema).max(REPORT_SECTIONS.length),
);

const factualAccuracySubmissionSchema = object({
  respondedBy: personSchema,
  /** true: the draft is factually accurate; false: corrections follow. */
  accepted: boolean(),
  corrections: correctionsSchema.optional(),
})
  .refine((body) => body.accepted || (body.corrections ?? []).length > 0, {
    message: 'corrections are required when the draft is not accepted',
    path: ['corrections'],
  })
  .refine((body) => !body.accepted || (body.corrections ?? []).length === 0, {
    message: 'corrections must be left out when the draft is accepted',
    path: ['corrections'],
  })
  .refine((body) => new Set((body.corrections ?? []).map((correction) => correction.section)).size === (body.corrections ?? []).length, {
    message: 'each section may be corrected once; put everything about a section in its one correction',
    path: ['corrections'],
  });

const committeeDecisionSubmissionSchema = object({
  decidedBy: personSchema,
  outcome: zEnum(Object.values(Outcome)),
  // The committee's recorded decision, with its reason, is what counts (DESIGN §1.5).
  reason: string().trim().min(1).max(10_000),
});

const deferralEvidenceSubmissionSchema = object({
  submittedBy: personSchema,
  summary: string().trim().min(1).max(10_000),
  /** Per unmet standard: a statement and, optionally, links to the evidence (file uploads come later). */
  evidence: array(object({ standardId: string().min(1).max(80), note: string().trim().min(1).max(4_000), links: array(evidenceLinkSchema).max(20).optional() })).min(1).max(500),
});

const appealSubmissionSchema = object({
  lodgedBy: personSchema,
  grounds: string().trim().min(1).max(20_000),
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
  reason: string().trim().max(2_000).optional(),
});

/** Both ends included; `to` left out: from `from` on, until said otherwise (src/reviewer-availability.ts). */
const dateRangeSchema = object({ from: isoDateSchema, to: optional(isoDateSchema) }).refine((range) => range.to === undefined || range.from <= range.to, {
  message: 'to is before from',
  path: ['to'],
});
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
      roles: array(zEnum(Object.values(ReviewerRole))).min(1),
      leadTrainingExpiresOn: optional(isoDateSchema),
      /** When they can visit: days (the older form), ranges, or both; neither: no day yet. */
      availableOn: array(isoDateSchema).max(1_000).optional(),
      available: array(dateRangeSchema).max(100).optional(),
      unavailable: array(unavailableSchema).max(1_000).optional(),
      conflicts: array(string().min(1).max(80)).max(100).optional(),
      reviewsThisYear: number().int().min(0).default(0),
    }),
  ).min(1).max(5_000),
});

const standardsImportSchema = object({
  /** The standards CSV (id, section, type, text, guidance); its size limit is checked by the route (413). */
  csv: string().min(1).max(10_000_000),
  /** Defaults to the version the network configuration declares. */
  version: string().trim().min(1).max(50).optional(),
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
