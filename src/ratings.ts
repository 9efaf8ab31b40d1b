// A rating of one standard by the service (self-review) or the review team (peer review):
// met / not met / not applicable, with a comment and evidence references (CCQI process).
import * as z from './zod-mini.ts';

const Rating = {
  Met: 'met',
  NotMet: 'not-met',
  NotApplicable: 'not-applicable',
} as const;
type Rating = (typeof Rating)[keyof typeof Rating];

const RATING_LABELS: Record<Rating, string> = {
  [Rating.Met]: 'Met',
  [Rating.NotMet]: 'Not met',
  [Rating.NotApplicable]: 'Not applicable',
};

const standardRatingSchema = z.strictObject({
  standardId: z.string().check(z.minLength(1)),
  rating: z.enum(Object.values(Rating)),
  comment: z.optional(z.string().check(z.maxLength(4000))),
  evidence: z.optional(z.array(z.string().check(z.minLength(1), z.maxLength(500))).check(z.maxLength(50))),
});
type StandardRating = z.infer<typeof standardRatingSchema>;

const ratingsSchema = z.array(standardRatingSchema);

export { Rating, RATING_LABELS, ratingsSchema, standardRatingSchema };
export type { StandardRating };
