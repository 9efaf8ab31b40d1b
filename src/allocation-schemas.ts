// zod schemas for allocation inputs arriving over the API or from a CSV/JSON import, so
// handlers validate a reviewer pool with the same shape the core works on.
import * as z from 'zod';
import type { Allocation, HostService, Reviewer } from './allocation-rules.ts';
import { isIsoDate } from './iso-date.ts';
import { ReviewerRole } from './vocabulary.ts';

const isoDateSchema = z.string().refine(isIsoDate, { message: 'Expected an ISO date (YYYY-MM-DD)' });
const roleSchema = z.enum(Object.values(ReviewerRole));
/** Both ends included; `to` left out: from `from` on, until said otherwise (reviewer-availability.ts). */
const dateRangeSchema = z
  .strictObject({ from: isoDateSchema, to: z.optional(isoDateSchema) })
  .refine((range) => range.to === undefined || range.from <= range.to, { message: 'to is before from', path: ['to'] });
/** A day the reviewer cannot do, or a range of them; a day is kept as a one-day range. */
const unavailableSchema = z.union([z.pipe(isoDateSchema, z.transform((day: string) => ({ from: day, to: day }))), dateRangeSchema]);

const reviewerSchema = z.strictObject({
  id: z.string().min(1),
  serviceId: z.string().min(1).optional(),
  organisationId: z.string().min(1).optional(),
  roles: z.array(roleSchema).min(1),
  leadTrainingExpiresOn: z.optional(isoDateSchema),
  availableOn: z.array(isoDateSchema).optional(),
  available: z.array(dateRangeSchema).optional(),
  unavailable: z.array(unavailableSchema).optional(),
  conflicts: z.array(z.string().min(1)).optional(),
  reviewsThisYear: z.number().int().min(0),
});

const hostServiceSchema = z.strictObject({ serviceId: z.string().min(1), organisationId: z.string().min(1) });

const teamMemberSchema = z.strictObject({
  reviewerId: z.string().min(1),
  role: roleSchema,
  serviceId: z.string().min(1).optional(),
  organisationId: z.string().min(1).optional(),
});

const allocationSchema = z.strictObject({
  hostServiceId: z.string().min(1),
  hostOrganisationId: z.string().min(1),
  date: isoDateSchema,
  team: z.array(teamMemberSchema).min(1),
});

// Compile-time guard: what the schemas produce is accepted by the core (tsc fails otherwise).
const sameShape = <A extends B, B>(): void => undefined;
sameShape<z.infer<typeof reviewerSchema>, Reviewer>();
sameShape<z.infer<typeof hostServiceSchema>, HostService>();
sameShape<z.infer<typeof allocationSchema>, Allocation>();

export { allocationSchema, dateRangeSchema, hostServiceSchema, isoDateSchema, reviewerSchema, teamMemberSchema, unavailableSchema };
