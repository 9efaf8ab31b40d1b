// Enrolment step of the accreditation cycle: records the cycle with its whole timetable (the core's
// dry run), the deadlines of its callback stages and the standards version it starts with, and sends
// the welcome email. First step of a resumed execution too (`resumeAt`): it attaches the cycle to it.
// Idempotent: Step Functions retries a Lambda task, and a retry must not record or email twice.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import middy from '@middy/core';
import { initialDeadlines } from '#core/step-deadlines';
import { buildTimetable } from '#core/timetable';
import { CycleStatus, ResumeStage } from '#core/vocabulary';
import { now } from '#commons/clock';
import { attachToExecution, createCycle, welcomeSentMark } from '#commons/data/cycle';
import { sendOnce } from '#commons/data/email-once';
import { CycleNotFoundError, CycleOwnedByAnotherExecutionError, CycleWithdrawnError, NetworkNotFoundError, ServiceNotFoundError } from '#commons/errors';
import { EmailTemplate, cycleLink } from '#commons/helpers/emails';
import { getCycle, getNetwork, getService, getTimetable } from '#commons/helpers/records';
import type { CycleRecord, Milestone } from '#commons/helpers/records';
import { welcomeEmailData } from './welcome-email.ts';
import { workflowView } from '#commons/helpers/workflow-view';
import type { WorkflowView } from '#commons/helpers/workflow-view';
import { logger } from '#commons/powertools/logger';
import { publishMetrics, recordStageEntered } from '#commons/powertools/metrics';
import { enrolServiceEventSchema } from '#commons/schemas/events';
import type { EnrolServiceEvent } from '#commons/schemas/events';

const newCycleRecord = async (event: EnrolServiceEvent, at: Date): Promise<{ cycle: CycleRecord; timetable: Milestone[] }> => {
  const service = await getService(event.serviceId);
  if (!service) throw new ServiceNotFoundError(event.serviceId);
  const network = await getNetwork(service.networkId);
  if (!network) throw new NetworkNotFoundError(service.networkId);
  const timetable = buildTimetable({ startDate: event.startDate, membershipType: service.membershipType, config: network.config });
  const iso = at.toISOString();
  const cycle: CycleRecord = {
    cycleId: event.cycleId,
    serviceId: service.serviceId,
    serviceName: service.name,
    organisationId: service.organisationId,
    networkId: network.networkId,
    networkName: network.name,
    cohortId: event.cohortId,
    membershipType: service.membershipType,
    startDate: event.startDate,
    ...(event.previousCycleId ? { previousCycleId: event.previousCycleId } : {}),
    ...(network.standardsVersionId ? { standardsVersionId: network.standardsVersionId } : {}),
    ...(network.configVersion !== undefined && { networkConfigVersion: network.configVersion }),
    timetable,
    deadlines: initialDeadlines(timetable),
    stage: ResumeStage.enrolment,
    status: CycleStatus.active,
    executionArn: event.executionArn,
    contacts: {
      serviceLead: [service.leadEmail],
      committee: [network.committeeEmail],
      networkStaff: [network.staffEmail ?? network.committeeEmail],
      ...(service.qiLeadEmail && { organisationQiLead: [service.qiLeadEmail] }),
    },
    createdAt: iso,
    updatedAt: iso,
  };
  return { cycle, timetable };
};

/** `timetable` when this step has just recorded the cycle; otherwise read from its item. */
const sendWelcomeOnce = async (cycle: CycleRecord, at: Date, timetable?: readonly Milestone[]): Promise<void> => {
  if (cycle.welcomeEmailSentAt) return;
  const welcome = {
    to: cycle.contacts.serviceLead,
    template: EmailTemplate.welcome,
    data: welcomeEmailData(cycle, timetable ?? (await getTimetable(cycle))),
  };
  await sendOnce({ cycleId: cycle.cycleId, sendingId: 'welcome', emails: [welcome], mark: welcomeSentMark(cycle.cycleId, at) });
};

const enrolService = async (event: EnrolServiceEvent): Promise<WorkflowView> => {
  const at = now();
  const existing = await getCycle(event.cycleId);
  // Any resumeAt, enrolment included, is a new execution taking over a recorded cycle: refusing
  // the take-over at enrolment ended the new execution "Superseded" and left the cycle with none.
  const resuming = event.resumeAt !== undefined;
  // Only a resume at enrolment may still record the cycle (its first execution died before it had).
  if (!existing && resuming && event.resumeAt !== ResumeStage.enrolment) throw new CycleNotFoundError(event.cycleId);
  const recorded = existing ? undefined : await newCycleRecord(event, at);
  let cycle = existing ?? (await createCycle(recorded!.cycle, recorded!.timetable, at));
  if (cycle.status === CycleStatus.withdrawn) throw new CycleWithdrawnError(cycle.cycleId);
  if (cycle.executionArn !== event.executionArn) {
    if (!resuming) throw new CycleOwnedByAnotherExecutionError(cycle.cycleId, cycle.executionArn);
    cycle = await attachToExecution(cycle, event.executionArn, event.resumeAt, at);
  }
  // A concurrent attempt may have recorded the cycle first: its timetable is then read, not assumed.
  await sendWelcomeOnce(cycle, at, cycle === recorded?.cycle ? recorded.timetable : undefined);
  if (!resuming) recordStageEntered(ResumeStage.enrolment);
  logger.info('Cycle enrolled', { cycleId: cycle.cycleId, resumeAt: event.resumeAt });
  return workflowView(cycle);
};

const handler = middy(enrolService)
  .use(injectLambdaContext(logger))
  .use(publishMetrics())
  .use(parser({ schema: enrolServiceEventSchema }));

export { enrolService, handler };
