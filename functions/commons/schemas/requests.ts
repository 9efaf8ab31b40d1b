// Bodies and queries of the HTTP API. Field names here are what a 400 names.
// Named imports, not the `z` namespace: it would drag all of zod (every locale) into each Lambda bundle.
import { email, enum as zEnum, object, record, string } from 'zod';
import type { z } from 'zod';
import { CallbackStage, Decision, MembershipType, ResumeStage, idSchema, isoDateSchema } from './workflow.ts';

// Cycle ids join cohort and service ids and name the execution, which Step Functions limits to
// 80 characters: 30 + 2 + 30, plus 16 for the suffix of a resumed execution.
const shortIdSchema = idSchema.max(30);

const enrolServiceRequestSchema = object({
  serviceId: shortIdSchema,
  name: string().trim().min(1).max(200),
  organisationId: idSchema,
  networkId: idSchema,
  /** Optional when the network offers a single membership type. */
  membershipType: zEnum(Object.values(MembershipType)).optional(),
  leadEmail: email(),
});
type EnrolServiceRequest = z.infer<typeof enrolServiceRequestSchema>;

const startCycleRequestSchema = object({
  serviceId: shortIdSchema,
  cohortId: shortIdSchema,
  /** Defaults to today (the workflow clock). */
  startDate: isoDateSchema.optional(),
});
type StartCycleRequest = z.infer<typeof startCycleRequestSchema>;

const resumeCycleRequestSchema = object({
  resumeAt: zEnum(Object.values(ResumeStage)),
  reason: string().trim().min(1).max(1_000),
});

const listCyclesQuerySchema = object({
  networkId: idSchema.optional(),
  cohortId: idSchema.optional(),
  stage: string().min(1).optional(),
});

const selfReviewSubmissionSchema = object({
  submittedBy: string().trim().min(1).max(200),
  summary: string().max(10_000).default(''),
  ratings: record(string(), zEnum(['met', 'not-met', 'not-applicable'])).default({}),
});

const committeeDecisionSubmissionSchema = object({
  decidedBy: string().trim().min(1).max(200),
  outcome: zEnum(Object.values(Decision)),
  // The committee's recorded decision, with its reason, is what counts (DESIGN §1.5).
  reason: string().trim().min(1).max(10_000),
});

const submissionSchemas = {
  [CallbackStage.selfReview]: selfReviewSubmissionSchema,
  [CallbackStage.committeeDecision]: committeeDecisionSubmissionSchema,
} as const;

const taskPathSchema = object({ cycleId: idSchema.max(80), stage: zEnum(Object.values(CallbackStage)) });

const cycleIdOf = (cohortId: string, serviceId: string): string => `${cohortId}--${serviceId}`;

export {
  committeeDecisionSubmissionSchema,
  cycleIdOf,
  enrolServiceRequestSchema,
  listCyclesQuerySchema,
  resumeCycleRequestSchema,
  selfReviewSubmissionSchema,
  startCycleRequestSchema,
  submissionSchemas,
  taskPathSchema,
};
export type { EnrolServiceRequest, StartCycleRequest };
