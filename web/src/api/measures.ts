// A measure with its charts (issue 13), as GET /cycles/{id}/measures/{id} answers: the API computes
// the run and XmR charts in the core and draws them as SVG, so the app carries no chart library.
import type { Api } from './client.ts';

interface MeasureDefinition {
  name: string;
  definition: string;
  kind: 'proportion' | 'count' | 'time';
  numerator?: string;
  denominator?: string;
  unit?: string;
  improvement: 'increase' | 'decrease' | 'neither';
  target?: number;
}

interface ChartView {
  svg: string;
  summary: string;
}

interface Measure {
  cycleId: string;
  measureId: string;
  definition: MeasureDefinition;
  actionId?: string;
  points: { on: string; value: number; numerator?: number; denominator?: number }[];
  baseline?: { throughOn: string; reason: string; by: string; at: string };
  recalculations: { fromOn: string; reason: string; by: string; at: string }[];
  version: number;
  charts: null | { run: ChartView; xmr: ChartView & { analysis: { variation: string; assurance?: string } }; ignored: string[] };
}

const measurePath = (cycleId: string, measureId: string) => `/cycles/${encodeURIComponent(cycleId)}/measures/${encodeURIComponent(measureId)}`;

const loadMeasure = async (api: Api, cycleId: string, measureId: string): Promise<Measure> => (await api.get<Measure>(measurePath(cycleId, measureId))).body;

export { loadMeasure, measurePath };
export type { Measure, MeasureDefinition };
