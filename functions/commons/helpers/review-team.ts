// How review-team roles and allocation rules read in emails and API answers, and who on a team is written to.
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

/** The lead reviewer's address(es) on a team: who is told of, and reminded about, the steps reviewers owe. */
const leadReviewerEmails = (team: readonly { role: string; email: string }[]): string[] =>
  team.filter((member) => member.role === ReviewerRole.Lead && member.email !== '').map((member) => member.email);

export { leadReviewerEmails, reviewerRoleLabel, ruleLabel };
