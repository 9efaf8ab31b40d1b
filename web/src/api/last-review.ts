// What the last review left (issue 13): for the self-review of an interim review or a renewal, the
// previous cycle's actions per standard with their PDSA ramp and the run chart of each linked measure,
// as GET /cycles/{id}/last-review answers (the API draws the charts as SVG in the core).
import type { LastReview } from '#core/last-review';
import type { Api } from './client.ts';

interface LastReviewView extends LastReview {
  cycleId: string;
  /** Null for a cycle that follows no review. */
  previousCycleId: string | null;
}

const loadLastReview = async (api: Api, cycleId: string): Promise<LastReviewView> => (await api.get<LastReviewView>(`/cycles/${encodeURIComponent(cycleId)}/last-review`)).body;

export { loadLastReview };
export type { LastReviewView };
