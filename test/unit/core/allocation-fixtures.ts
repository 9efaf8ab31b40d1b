// Builders for the allocation tests: a reviewer with their own service and organisation
// (S-<id>, O-<id>), free on the given dates, and the host they are asked to review.
import type { Reviewer } from '#core/allocation-rules';

const host = { serviceId: 'S-H', organisationId: 'O-H' };

const reviewerOn =
  (dates: readonly string[]) =>
  (id: string, roles: Reviewer['roles'], extra: Partial<Reviewer> = {}): Reviewer => ({
    id,
    serviceId: `S-${id}`,
    organisationId: `O-${id}`,
    roles,
    availableOn: dates,
    reviewsThisYear: 0,
    ...extra,
  });

export { host, reviewerOn };
