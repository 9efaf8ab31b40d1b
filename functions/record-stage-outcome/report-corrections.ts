// What the close of the factual-accuracy check does to the report (issue 9). The report record
// notes how the check closed (accepted, deemed accepted, corrections). With corrections, the
// report becomes the corrected report before the committee's step opens: the corrections per
// section are stored on it (`corrections`, read by the committee pack), appended to its HTML and
// text, and recorded with a `report-corrected` audit event, in the outcome's own transaction.
// The lead reviewer is then emailed the corrections, once.
import { correctedReportHtml, correctedReportText, correctionsOf, REPORT_SECTION_TITLES } from '#core/report-corrections';
import type { Correction } from '#core/report-corrections';
import { StageOutcome } from '#core/stage-outcomes';
import { AuditEventType, auditPut } from '#commons/data/audit';
import { sendOnce } from '#commons/data/email-once';
import { tableName } from '#commons/env';
import { EmailTemplate, cycleLink } from '#commons/helpers/emails';
import { getAllocation, getReport } from '#commons/helpers/records';
import type { CycleRecord } from '#commons/helpers/records';
import { leadReviewerEmails } from '#commons/helpers/review-team';
import { cycleKey, reportKey } from '#commons/helpers/table-keys';
import type { RecordStageOutcomeEvent } from '#commons/schemas/events';

const CORRECTED_VERSION = 'report-corrected';

const closesCheck = (event: RecordStageOutcomeEvent): boolean =>
  event.outcome === StageOutcome.factualAccuracyAnswered || event.outcome === StageOutcome.factualAccuracyDeemedAccepted;

/** The corrections an outcome carries: only an answer that did not accept the draft has any. */
const correctionsIn = (event: RecordStageOutcomeEvent): Correction[] =>
  event.outcome === StageOutcome.factualAccuracyAnswered && event.submission?.accepted !== true ? correctionsOf(event.submission) : [];

const respondentOf = (event: RecordStageOutcomeEvent): string => String(event.submission?.respondedBy ?? '');

/** The transaction items that record the check's close on the report; none for other outcomes or without a report. */
const reportCorrectionItems = async (event: RecordStageOutcomeEvent, today: string, at: Date): Promise<Record<string, unknown>[]> => {
  if (!closesCheck(event)) return [];
  const report = await getReport(event.cycleId);
  if (!report) return [];
  const corrections = correctionsIn(event);
  const outcome = event.outcome === StageOutcome.factualAccuracyDeemedAccepted ? 'deemed-accepted' : corrections.length > 0 ? 'corrections' : 'accepted';
  const respondedBy = respondentOf(event);
  const factualAccuracy = { outcome, ...(respondedBy ? { respondedBy } : {}), closedOn: today };
  if (corrections.length === 0) {
    return [{ Update: { TableName: tableName, Key: reportKey(event.cycleId), UpdateExpression: 'SET factualAccuracy = :fa', ExpressionAttributeValues: { ':fa': factualAccuracy } } }];
  }
  return [
    {
      Update: {
        TableName: tableName,
        Key: reportKey(event.cycleId),
        UpdateExpression: 'SET factualAccuracy = :fa, corrections = :corrections, version = :version, correctedOn = :today, html = :html, #text = :text',
        ExpressionAttributeNames: { '#text': 'text' },
        ExpressionAttributeValues: {
          ':fa': factualAccuracy,
          ':corrections': corrections,
          ':version': CORRECTED_VERSION,
          ':today': today,
          ':html': correctedReportHtml(report.html, corrections, respondedBy, today),
          ':text': correctedReportText(report.text, corrections, respondedBy, today),
        },
      },
    },
    auditPut({
      entityPk: cycleKey(event.cycleId).pk,
      type: AuditEventType.reportCorrected,
      at,
      actor: event.executionArn,
      detail: { version: CORRECTED_VERSION, respondedBy, sections: corrections.map((correction) => correction.section) },
    }),
  ];
};

/** Emails the lead reviewer the corrections, once per occurrence however often Lambda retries. */
const tellLeadReviewer = async (event: RecordStageOutcomeEvent, cycle: CycleRecord): Promise<void> => {
  const corrections = correctionsIn(event);
  if (corrections.length === 0) return;
  const allocation = await getAllocation(event.cycleId);
  const to = leadReviewerEmails(allocation?.team ?? []);
  if (to.length === 0) return;
  await sendOnce({
    cycleId: event.cycleId,
    sendingId: `corrections#${event.occurrenceId}`,
    emails: [
      {
        to,
        template: EmailTemplate.factualAccuracyCorrections,
        data: {
          serviceName: cycle.serviceName,
          networkName: cycle.networkName,
          cycleId: cycle.cycleId,
          respondedBy: respondentOf(event),
          corrections: corrections.map((correction) => ({ ...correction, sectionTitle: REPORT_SECTION_TITLES[correction.section] })),
          link: cycleLink(cycle.cycleId),
        },
      },
    ],
  });
};

export { reportCorrectionItems, tellLeadReviewer };
