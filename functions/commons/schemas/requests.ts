// Bodies and queries of the HTTP API. Field names here are what a 400 names.
import { z } from 'zod';
import { CallbackStage, Decision, MembershipType, ResumeStage, idSchema, isoDateSchema } from './workflow.ts';

// Cycle ids join cohort and service ids and name the execution, which Step Functions limits to
// 80 characters: 30 + 2 + 30, plus 16 for the suffix of a resumed execution.
const shortIdSchema = idSchema.max(30);

const enrolServiceRequestSchema = z.object({
  serviceId: shortIdSchema,
  name: z.string().trim().min(1).max(200),
  organisationId: idSchema,
  networkId: idSchema,
  membershipType: z.enum(Object.values(MembershipType)),
  leadEmail: z.email(),
});
type EnrolServiceRequest = z.infer<typeof enrolServiceRequestSchema>;

const startCycleRequestSchema = z.object({
  serviceId: shortIdSchema,
  cohortId: shortIdSchema,
  /** Defaults to today (the workflow clock). */
  startDate: isoDateSchema.optional(),
});
type StartCycleRequest = z.infer<typeof startCycleRequestSchema>;

const resumeCycleRequestSchema = z.object({
  resumeAt: z.enum(Object.values(ResumeStage)),
  reason: z.string().trim().min(1).max(1_000),
});

const listCyclesQuerySchema = z.object({
  networkId: idSchema.optional(),
  cohortId: idSchema.optional(),
  stage: z.string().min(1).optional(),
});

const selfReviewSubmissionSchema = z.object({
  submittedBy: z.string().trim().min(1).max(200),
  summary: z.string().max(10_000).default(''),
  ratings: z.record(z.string(), z.enum(['met', 'not-met', 'not-applicable'])).default({}),
});

const committeeDecisionSubmissionSchema = z.object({
  decidedBy: z.string().trim().min(1).max(200),
  outcome: z.enum(Object.values(Decision)),
  // The committee's recorded decision, with its reason, is what counts (DESIGN §1.5).
  reason: z.string().trim().min(1).max(10_000),
});

const submissionSchemas = {
  [CallbackStage.selfReview]: selfReviewSubmissionSchema,
  [CallbackStage.committeeDecision]: committeeDecisionSubmissionSchema,
} as const;

const taskPathSchema = z.object({ cycleId: idSchema.max(80), stage: z.enum(Object.values(CallbackStage)) });

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
