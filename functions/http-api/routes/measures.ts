// A service's measures after its review (issue 13): defined per cycle, their dated points entered one
// by one or imported from a CSV (every mistake reported at its line, as a 400), and the chart's
// baseline frozen or its limits recalculated from a chosen point, each with its reason and audit
// event. GET answers with the run chart and the XmR chart the core computes (src/measure-charts.ts),
// SVG included, so the web page, an email and a report show the same picture.
import { literal, looseObject, maxLength, minLength, number, object, optional, strictObject, string, trim, union, enum as zEnum } from '#core/zod-mini';
import { MAX_POINTS, measureDefinitionSchema, parseMeasureCsv, pointOf } from '#core/measure';
import type { DataIssue, DataPoint, MeasureDefinition } from '#core/measure';
import { measureCharts } from '#core/measure-charts';
import { now } from '#commons/clock';
import { getAction } from '#commons/data/action-plan';
import { AuditEventType } from '#commons/data/audit';
import { MeasureChangedError, getMeasure, listMeasures, saveMeasure } from '#commons/data/measure';
import type { MeasureRecord } from '#commons/data/measure';
import { getCycle } from '#commons/helpers/records';
import { idSchema, isoDateSchema } from '#commons/schemas/workflow';
import { callerOf } from '../caller.ts';
import { httpError, json, parseBody, validate } from '../http.ts';
import type { HttpApiEvent } from '../http.ts';
import type { Route, RouteHandler } from '../router.ts';
import { refuse } from './stage-checks.ts';

const pathSchema = object({ cycleId: idSchema, measureId: idSchema });
const reasonSchema = string().check(trim(), minLength(1), maxLength(1_000));
const baselineSchema = strictObject({ throughOn: union([isoDateSchema, literal(null)]), reason: reasonSchema });
const recalculationSchema = strictObject({ fromOn: isoDateSchema, reason: reasonSchema });
// Numbers are finite in zod 4 (classic's .finite() was a no-op).
const pointBodySchema = strictObject({ value: optional(number()), numerator: optional(number()), denominator: optional(number()) });
const importBodySchema = strictObject({ csv: string().check(maxLength(1_000_000)), mode: optional(zEnum(['replace'])) });

/** The measure's id and cycle from the path, the cycle known (its audit trail takes the events). */
const requireCycleOf = async (params: Record<string, string>) => {
  const path = validate(pathSchema, params, 'path');
  if (!(await getCycle(path.cycleId))) throw httpError(404, 'CycleNotFound', `Cycle ${path.cycleId} does not exist`);
  return path;
};

const requireMeasure = async (cycleId: string, measureId: string): Promise<MeasureRecord> => {
  const measure = await getMeasure(cycleId, measureId);
  if (!measure) throw httpError(404, 'MeasureNotFound', `Cycle ${cycleId} has no measure ${measureId}`);
  return measure;
};

const withCharts = (measure: MeasureRecord) => {
  const charts = measureCharts(
    measure.definition,
    measure.points,
    { ...(measure.baseline ? { baselineThroughOn: measure.baseline.throughOn } : {}), recalculations: measure.recalculations },
    `measure-${measure.measureId}`,
  );
  return { ...measure, charts: charts ?? null };
};

/**
 * Reads the measure, applies `change` and writes it on the version read with its audit event. A
 * writer who got in between is a 409: the person reloads and sees the other change.
 */
const changeMeasure = async (
  event: HttpApiEvent,
  cycleId: string,
  measureId: string,
  change: (current: MeasureRecord) => { next: Omit<MeasureRecord, 'version' | 'updatedAt' | 'updatedBy'>; type: AuditEventType; detail: Record<string, unknown> },
) => {
  const current = await requireMeasure(cycleId, measureId);
  const { next, type, detail } = change(current);
  const actor = callerOf(event).subject;
  const record: MeasureRecord = { ...next, version: current.version + 1, updatedAt: now().toISOString(), updatedBy: actor };
  try {
    await saveMeasure(record, { type, actor, detail });
  } catch (error) {
    if (!(error instanceof MeasureChangedError)) throw error;
    throw httpError(409, 'MeasureChanged', `${error.message}: reload it and try again`, { measureId });
  }
  return json(200, withCharts(record));
};

/** GET /cycles/{cycleId}/measures */
const listCycleMeasures: RouteHandler = async (_event, params) => {
  const cycleId = validate(idSchema, params.cycleId, 'cycleId');
  return json(200, { cycleId, measures: await listMeasures(cycleId) });
};

/** GET /cycles/{cycleId}/measures/{measureId} */
const showMeasure: RouteHandler = async (_event, params) => {
  const { cycleId, measureId } = validate(pathSchema, params, 'path');
  return json(200, withCharts(await requireMeasure(cycleId, measureId)));
};

/** PUT /cycles/{cycleId}/measures/{measureId}: defines the measure, or changes its definition. */
const defineMeasure: RouteHandler = async (event, params) => {
  const { cycleId, measureId } = await requireCycleOf(params);
  const { actionId, ...rest } = parseBody(looseObject({ actionId: optional(idSchema) }), event) as { actionId?: string } & Record<string, unknown>;
  const definition: MeasureDefinition = validate(measureDefinitionSchema, rest, 'request body');
  // The link the next review's self-review follows (routes/last-review.ts): to an action of this cycle's plan only.
  if (actionId && !(await getAction(cycleId, actionId))) refuse([{ field: 'actionId', message: `The action plan of this cycle has no action ${actionId}` }]);
  const current = await getMeasure(cycleId, measureId);
  if (current && current.points.length > 0 && current.definition.kind !== definition.kind) {
    refuse([{ field: 'kind', message: `The measure already has ${current.points.length} ${current.definition.kind} points; define a new measure for a ${definition.kind}` }]);
  }
  const at = now().toISOString();
  const actor = callerOf(event).subject;
  const record: MeasureRecord = {
    cycleId,
    measureId,
    definition,
    ...(actionId ? { actionId } : {}),
    points: current?.points ?? [],
    ...(current?.baseline ? { baseline: current.baseline } : {}),
    recalculations: current?.recalculations ?? [],
    version: (current?.version ?? 0) + 1,
    createdAt: current?.createdAt ?? at,
    updatedAt: at,
    updatedBy: actor,
  };
  try {
    await saveMeasure(record, { type: AuditEventType.measureDefined, actor, detail: { name: definition.name, kind: definition.kind } });
  } catch (error) {
    if (!(error instanceof MeasureChangedError)) throw error;
    throw httpError(409, 'MeasureChanged', `${error.message}: reload it and try again`, { measureId });
  }
  return json(current ? 200 : 201, withCharts(record));
};

const lineIssues = (issues: readonly DataIssue[]) =>
  httpError(400, 'ValidationError', `Invalid CSV: ${issues.length} problem${issues.length === 1 ? '' : 's'}`, {
    issues: issues.map((issue) => ({ ...issue, field: `line ${issue.line}${issue.column ? `, ${issue.column}` : ''}` })),
  });

/** PUT /cycles/{cycleId}/measures/{measureId}/points/{on}: one point, added or corrected. */
const recordPoint: RouteHandler = async (event, params) => {
  const { cycleId, measureId } = await requireCycleOf(params);
  const on = validate(isoDateSchema, params.on, 'on');
  const body = parseBody(pointBodySchema, event);
  return changeMeasure(event, cycleId, measureId, (current) => {
    const kind = current.definition.kind;
    const cells = Object.fromEntries(Object.entries({ date: on, ...body }).map(([name, value]) => [name, value === undefined ? '' : String(value)]));
    const point = pointOf(kind, cells, 1);
    if (Array.isArray(point)) refuse(point.map((issue) => ({ field: issue.column ?? (kind === 'proportion' ? 'numerator' : 'value'), message: issue.message })));
    const others = current.points.filter((stored) => stored.on !== on);
    if (others.length >= MAX_POINTS) refuse([{ field: 'on', message: `A measure holds at most ${MAX_POINTS} points` }]);
    const points = [...others, point as DataPoint].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
    const replaced = others.length === current.points.length ? undefined : current.points.find((stored) => stored.on === on);
    return { next: { ...current, points }, type: AuditEventType.measureDataRecorded, detail: { on, value: (point as DataPoint).value, ...(replaced ? { replacedValue: replaced.value } : {}) } };
  });
};

/** The CSV of an import: the body itself (text/csv) or the `csv` field of a JSON body. */
const csvOf = (event: HttpApiEvent): string => {
  const type = String(event.headers?.['content-type'] ?? '').toLowerCase();
  if (!type.startsWith('text/csv')) return parseBody(importBodySchema, event).csv;
  const text = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
  if (text.length > 1_000_000) refuse([{ field: 'csv', message: 'A CSV of data points is at most 1,000,000 characters' }]);
  return text;
};

/** POST /cycles/{cycleId}/measures/{measureId}/points: imports a CSV; it replaces the series (a team's export is the whole series). */
const importPoints: RouteHandler = async (event, params) => {
  const { cycleId, measureId } = await requireCycleOf(params);
  const csv = csvOf(event);
  return changeMeasure(event, cycleId, measureId, (current) => {
    const { points, issues } = parseMeasureCsv(csv, current.definition.kind);
    if (issues.length > 0) throw lineIssues(issues);
    if (points.length === 0) refuse([{ field: 'csv', message: 'The CSV has a header but no data rows' }]);
    return { next: { ...current, points }, type: AuditEventType.measureDataRecorded, detail: { imported: points.length, replaced: current.points.length, from: points[0].on, to: points.at(-1)?.on } };
  });
};

/** PUT /cycles/{cycleId}/measures/{measureId}/baseline: freezes the baseline through a date (or thaws it with null). */
const setBaseline: RouteHandler = async (event, params) => {
  const { cycleId, measureId } = await requireCycleOf(params);
  const { throughOn, reason } = parseBody(baselineSchema, event);
  return changeMeasure(event, cycleId, measureId, (current) => {
    if (throughOn !== null && !current.points.some((point) => point.on <= throughOn)) refuse([{ field: 'throughOn', message: `No point is on or before ${throughOn}: the baseline would be empty` }]);
    const { baseline: _previous, ...rest } = current;
    const change = { reason, by: callerOf(event).subject, at: now().toISOString() };
    return {
      next: throughOn === null ? rest : { ...rest, baseline: { throughOn, ...change } },
      type: AuditEventType.measureBaselineChanged,
      detail: { throughOn, reason, previousThroughOn: current.baseline?.throughOn ?? null },
    };
  });
};

/** POST /cycles/{cycleId}/measures/{measureId}/recalculations: recalculates the limits from a chosen point. */
const recalculateLimits: RouteHandler = async (event, params) => {
  const { cycleId, measureId } = await requireCycleOf(params);
  const { fromOn, reason } = parseBody(recalculationSchema, event);
  return changeMeasure(event, cycleId, measureId, (current) => {
    const from = current.points.findIndex((point) => point.on >= fromOn);
    if (from <= 0) refuse([{ field: 'fromOn', message: from === 0 ? 'The limits already start at the first point' : `No point is on or after ${fromOn}` }]);
    if (current.recalculations.some((recalculation) => recalculation.fromOn === fromOn)) refuse([{ field: 'fromOn', message: `The limits are already recalculated from ${fromOn}` }]);
    const recalculations = [...current.recalculations, { fromOn, reason, by: callerOf(event).subject, at: now().toISOString() }].sort((a, b) => (a.fromOn < b.fromOn ? -1 : 1));
    return { next: { ...current, recalculations }, type: AuditEventType.measureLimitsRecalculated, detail: { fromOn, firstPointOn: current.points[from].on, reason } };
  });
};

const measureRoutes: Route[] = [
  { method: 'GET', path: '/cycles/{cycleId}/measures', handle: listCycleMeasures },
  { method: 'GET', path: '/cycles/{cycleId}/measures/{measureId}', handle: showMeasure },
  { method: 'PUT', path: '/cycles/{cycleId}/measures/{measureId}', handle: defineMeasure },
  { method: 'PUT', path: '/cycles/{cycleId}/measures/{measureId}/points/{on}', handle: recordPoint },
  { method: 'POST', path: '/cycles/{cycleId}/measures/{measureId}/points', handle: importPoints },
  { method: 'PUT', path: '/cycles/{cycleId}/measures/{measureId}/baseline', handle: setBaseline },
  { method: 'POST', path: '/cycles/{cycleId}/measures/{measureId}/recalculations', handle: recalculateLimits },
];

export { measureRoutes };
