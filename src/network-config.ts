// A network's configuration (network.yaml or network.json), validated with zod. Every
// problem in the file is reported at once, each with its path and line, what was expected
// and what was found, so a coordinator can fix the file in one pass.
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import * as z from 'zod';
import { durationSchema } from './duration.ts';
import { type ConfigIssue, NetworkConfigError } from './errors.ts';
import { MembershipType, RecipientRole, Stage } from './vocabulary.ts';
import { describeZodIssues } from './zod-issues.ts';

const percentage = z.number().min(0).max(100);

/** Durations per membership type. `report-drafting` is the gap between the visit and the draft report reaching the service. */
const stageDurationsSchema = z.strictObject({
  [Stage.Enrolment]: durationSchema,
  [Stage.SelfReview]: durationSchema,
  [Stage.PeerReviewScheduling]: durationSchema,
  [Stage.Visit]: durationSchema,
  'report-drafting': durationSchema,
  [Stage.CommitteeDecision]: durationSchema.optional(),
});

const escalationStepSchema = z.strictObject({
  afterWorkingDays: z.number().int().positive(),
  recipientRole: z.enum(Object.values(RecipientRole)),
});

const networkConfigSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and hyphens'),
    name: z.string().min(1),
    membershipTypes: z.array(z.enum(Object.values(MembershipType))).min(1),
    stageDurations: z.partialRecord(z.enum(Object.values(MembershipType)), stageDurationsSchema),
    // DESIGN §1: "10 working days is the common norm; no answer by the deadline counts as acceptance".
    factualAccuracyWindow: durationSchema,
    // CCQI asks reviewers to confirm within a week of the invitation, and staff to find a team by
    // hand as quickly: 5 UK working days each unless the network says otherwise.
    acceptanceWindow: durationSchema.default({ workingDays: 5 }),
    allocationWindow: durationSchema.default({ workingDays: 5 }),
    reminders: z.strictObject({
      // DESIGN §1 norm: 28, 14, 7 and 1 working day(s) before a deadline.
      beforeWorkingDays: z.array(z.number().int().positive()).default([28, 14, 7, 1]),
      escalation: z.array(escalationStepSchema).min(1),
    }),
    // QNPICU rule (CCQI): Accredited needs 100% of Type 1, >= 80% of Type 2, >= 60% of Type 3 met.
    thresholds: z
      .strictObject({ type1: percentage, type2: percentage, type3: percentage })
      .default({ type1: 100, type2: 80, type3: 60 }),
    // CCQI: deferral gives a time-limited window (typically 3–6 months) to evidence unmet standards.
    deferral: z
      .strictObject({ window: durationSchema, maxBlockingStandards: z.number().int().min(0) })
      .optional(),
    appealWindow: durationSchema.optional(),
    // DESIGN §1: one trained lead, 1–3 professional peers from other services, one expert by experience.
    reviewTeam: z.strictObject({
      leadReviewers: z.number().int().min(1).max(2).default(1),
      professionalPeers: z.strictObject({ min: z.number().int().min(0), max: z.number().int().min(0) }),
      expertsByExperience: z.number().int().min(0).default(1),
    }),
    standards: z.strictObject({
      file: z.string().min(1),
      version: z.string().min(1),
    }),
  })
  .superRefine((config, ctx) => {
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
  });

type NetworkConfig = z.infer<typeof networkConfigSchema>;
type StageDurations = z.infer<typeof stageDurationsSchema>;
type ReviewTeamComposition = NetworkConfig['reviewTeam'];
type Thresholds = NetworkConfig['thresholds'];

/** The line and column of the deepest node that exists along `path`. */
const locate = (doc: Document, lineCounter: LineCounter, path: PropertyKey[]): { line?: number; column?: number } => {
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const prefix = path.slice(0, depth);
    const node = prefix.length === 0 ? doc.contents : doc.getIn(prefix as (string | number)[], true);
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (range !== undefined && (depth === path.length || isMap(node) || isSeq(node))) {
      const pos = lineCounter.linePos(range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return {};
};

const syntaxIssues = (doc: Document, fileName: string): ConfigIssue[] =>
  doc.errors.map((error) => ({
    file: fileName,
    line: error.linePos?.[0].line,
    column: error.linePos?.[0].col,
    expected: fileName.endsWith('.json') ? 'valid JSON' : 'valid YAML',
    found: error.code,
    message: error.message.split('\n')[0],
  }));

/** Pure: parses YAML or JSON text (JSON is YAML 1.2) and validates it. Throws NetworkConfigError with every issue. */
const parseNetworkConfig = (text: string, fileName: string): NetworkConfig => {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const syntax = syntaxIssues(doc, fileName);
  if (syntax.length > 0) throw new NetworkConfigError(syntax);
  const result = networkConfigSchema.safeParse(doc.toJS(), { reportInput: true });
  if (result.success) return result.data;
  const issues = describeZodIssues(result.error).map(
    (issue): ConfigIssue => ({
      file: fileName,
      path: issue.path.map(String).join('.'),
      ...locate(doc, lineCounter, issue.path),
      expected: issue.expected,
      found: issue.found,
      message: issue.message,
    }),
  );
  throw new NetworkConfigError(issues, { cause: result.error });
};

export { networkConfigSchema, parseNetworkConfig };
export type { NetworkConfig, ReviewTeamComposition, StageDurations, Thresholds };
