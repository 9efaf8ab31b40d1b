// A network's configuration (network.yaml or network.json), validated with zod. Every
// problem is reported at once, each with its path, what was expected and what was found, so a
// coordinator can fix the file in one pass. This module reads no text (no YAML parser: the HTTP
// API's bundle checks an already parsed configuration); src/network-config-file.ts parses the file
// and adds each problem's line and column.
import * as z from './zod-mini.ts';
import { HardRule } from './allocation-rules.ts';
import { durationSchema } from './duration.ts';
import { NetworkConfigError } from './errors.ts';
import { MembershipType, RecipientRole, Stage } from './vocabulary.ts';
import { configIssuesFromZod } from './zod-issues.ts';

const percentage = z.number().check(z.gte(0), z.lte(100));

/** Durations per membership type. `report-drafting` is the gap between the visit and the draft report reaching the service. */
const stageDurationsSchema = z.strictObject({
  [Stage.Enrolment]: durationSchema,
  [Stage.SelfReview]: durationSchema,
  [Stage.PeerReviewScheduling]: durationSchema,
  [Stage.Visit]: durationSchema,
  'report-drafting': durationSchema,
  [Stage.CommitteeDecision]: z.optional(durationSchema),
});

const escalationStepSchema = z.strictObject({
  afterWorkingDays: z.number().check(z.int(), z.positive()),
  recipientRole: z.enum(Object.values(RecipientRole)),
});

const networkConfigSchema = z
  .strictObject({
    id: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and hyphens')),
    name: z.string().check(z.minLength(1)),
    membershipTypes: z.array(z.enum(Object.values(MembershipType))).check(z.minLength(1)),
    stageDurations: z.partialRecord(z.enum(Object.values(MembershipType)), stageDurationsSchema),
    // DESIGN §1: "10 working days is the common norm; no answer by the deadline counts as acceptance".
    factualAccuracyWindow: durationSchema,
    // CCQI asks reviewers to confirm within a week of the invitation, and staff to find a team by
    // hand as quickly: 5 UK working days each unless the network says otherwise.
    acceptanceWindow: z._default(durationSchema, { workingDays: 5 }),
    allocationWindow: z._default(durationSchema, { workingDays: 5 }),
    // The cohort board's "stuck" filter (issue 8): an open cycle with no change for this many UK
    // working days needs a look from staff. Two working weeks unless the network says otherwise.
    stuckAfterWorkingDays: z._default(z.number().check(z.int(), z.positive()), 10),
    reminders: z.strictObject({
      // DESIGN §1 norm: 28, 14, 7 and 1 working day(s) before a deadline.
      beforeWorkingDays: z._default(z.array(z.number().check(z.int(), z.positive())), [28, 14, 7, 1]),
      escalation: z.array(escalationStepSchema).check(z.minLength(1)),
    }),
    // QNPICU rule (CCQI): Accredited needs 100% of Type 1, >= 80% of Type 2, >= 60% of Type 3 met.
    thresholds: z._default(z.strictObject({ type1: percentage, type2: percentage, type3: percentage }), { type1: 100, type2: 80, type3: 60 }),
    // CCQI: deferral gives a time-limited window (typically 3–6 months) to evidence unmet standards.
    deferral: z.optional(z.strictObject({ window: durationSchema, maxBlockingStandards: z.number().check(z.int(), z.gte(0)) })),
    appealWindow: z.optional(durationSchema),
    // DESIGN §1: one trained lead, 1–3 professional peers from other services, one expert by experience.
    reviewTeam: z.strictObject({
      leadReviewers: z._default(z.number().check(z.int(), z.gte(1), z.lte(2)), 1),
      professionalPeers: z.strictObject({ min: z.number().check(z.int(), z.gte(0)), max: z.number().check(z.int(), z.gte(0)) }),
      expertsByExperience: z._default(z.number().check(z.int(), z.gte(0)), 1),
      // Hard rules staff may break when they pick a team by hand, each time with a reason kept in
      // the audit (issue 10). None unless the network lists them.
      overridableRules: z._default(z.array(z.enum(Object.values(HardRule))), []),
    }),
    standards: z.strictObject({
      file: z.string().check(z.minLength(1)),
      version: z.string().check(z.minLength(1)),
    }),
    // Who the workflow writes to on the network's side. Loading a network through the API needs the
    // committee's address here (local start-up makes one up for the examples).
    contacts: z.optional(
      z.strictObject({
        committee: z.email(),
        /** Manual allocation and escalations; the committee's address when left out. */
        staff: z.optional(z.email()),
      }),
    ),
  })
  .check(z.superRefine((config, ctx) => {
    const issue = (path: PropertyKey[], message: string, expected: string, input: unknown) =>
      ctx.addIssue({ code: 'custom', path, message, input, params: { expected } });
    if (new Set(config.membershipTypes).size !== config.membershipTypes.length) {
      issue(['membershipTypes'], 'Membership types repeat', 'each membership type once', config.membershipTypes);
    }
    for (const type of config.membershipTypes) {
      const durations = config.stageDurations[type];
      if (durations === undefined) {
        issue(['stageDurations', type], `No stage durations for ${type} members`, 'stage durations for every membership type offered', undefined);
      } else if (type === MembershipType.Accreditation && durations[Stage.CommitteeDecision] === undefined) {
        issue(['stageDurations', type, Stage.CommitteeDecision], 'Accreditation members need a committee decision stage', 'a duration', undefined);
      }
    }
    if (config.membershipTypes.includes(MembershipType.Accreditation)) {
      if (config.deferral === undefined) issue(['deferral'], 'Accreditation needs a deferral rule', '{ window, maxBlockingStandards }', undefined);
      if (config.appealWindow === undefined) issue(['appealWindow'], 'Accreditation needs an appeal window', 'a duration, e.g. { days: 15 }', undefined);
    }
    const ladder = config.reminders.escalation.map((step) => step.afterWorkingDays);
    if (ladder.some((days, i) => i > 0 && days <= ladder[i - 1])) {
      issue(['reminders', 'escalation'], 'Escalation steps must come in increasing order of days', 'strictly increasing afterWorkingDays', ladder.join(', '));
    }
    const { min, max } = config.reviewTeam.professionalPeers;
    if (min > max) issue(['reviewTeam', 'professionalPeers'], 'min is greater than max', 'min <= max', `min ${min}, max ${max}`);
  }));

type NetworkConfig = z.infer<typeof networkConfigSchema>;
type StageDurations = z.infer<typeof stageDurationsSchema>;
/** The numbers per role a team needs (what the allocation fills). */
type ReviewTeamComposition = Omit<NetworkConfig['reviewTeam'], 'overridableRules'>;
type Thresholds = NetworkConfig['thresholds'];

/** What a load checks beyond the file itself: that it is the network being loaded, with an address for its committee. */
interface NetworkLoadChecks {
  /** The network being loaded: the file's `id` must be this one. */
  networkId?: string;
  /** No committee address is on record yet, so the file must give one (contacts.committee). */
  requireContacts?: boolean;
}

const schemaWithChecks = ({ networkId, requireContacts }: NetworkLoadChecks) =>
  networkConfigSchema.check(z.superRefine((config, ctx) => {
    if (networkId !== undefined && config.id !== networkId) {
      ctx.addIssue({ code: 'custom', path: ['id'], message: `The file is for network ${config.id}, not ${networkId}`, input: config.id, params: { expected: `"${networkId}" (the network being loaded)` } });
    }
    if (requireContacts && config.contacts === undefined) {
      ctx.addIssue({ code: 'custom', path: ['contacts'], message: "No address for the network's committee", input: undefined, params: { expected: 'contacts: { committee: <email>, staff: <email> } (staff optional)' } });
    }
  }));

/** The schema a load checks against: the file's own rules, plus the load's. */
const networkConfigSchemaFor = (checks: NetworkLoadChecks = {}) =>
  checks.networkId === undefined && !checks.requireContacts ? networkConfigSchema : schemaWithChecks(checks);

/** Pure: checks an already parsed configuration. Throws NetworkConfigError with every issue, each at its path. */
const checkNetworkConfig = (value: unknown, fileName: string, checks: NetworkLoadChecks = {}): NetworkConfig => {
  const result = networkConfigSchemaFor(checks).safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  throw new NetworkConfigError(configIssuesFromZod(result.error, fileName));
};

export { checkNetworkConfig, networkConfigSchema, networkConfigSchemaFor };
export type { NetworkConfig, NetworkLoadChecks, ReviewTeamComposition, StageDurations, Thresholds };
