// How review-team roles and allocation rules read in emails and API answers.
import { HardRule } from '#core/allocation-rules';
import { ReviewerRole } from '#core/vocabulary';

const roleLabels: Record<string, string> = {
  [ReviewerRole.Lead]: 'Lead reviewer',
  [ReviewerRole.Professional]: 'Professional peer',
  [ReviewerRole.ExpertByExperience]: 'Expert by experience',
};

const ruleLabels: Record<string, string> = {
  [HardRule.SameOrganisation]: 'Same organisation as the host',
  [HardRule.HostService]: 'Works in the host service',
  [HardRule.ReciprocalReview]: 'Reciprocal review this cycle',
  [HardRule.DeclaredConflict]: 'Declared conflict of interest',
  [HardRule.LeadTraining]: 'Lead training missing or expired',
  [HardRule.NotAvailable]: 'Not available on the offered dates',
  [HardRule.AlreadyBooked]: 'Already on another visit that day',
  [HardRule.TeamComposition]: 'Team composition (leads, peers, experts by experience)',
};

const reviewerRoleLabel = (role: string): string => roleLabels[role] ?? role;
const ruleLabel = (rule: string): string => ruleLabels[rule] ?? rule;

export { reviewerRoleLabel, ruleLabel };
