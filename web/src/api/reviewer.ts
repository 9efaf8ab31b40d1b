// What the reviewer's pages read from the API: their invitation (GET .../reviewers/{id}/invitation),
// and for the peer ratings the cycle's standards, the service's self-review and the ratings step.
import type { Evidence } from '#core/self-review';
import type { Api } from './client.ts';
import { loadSelfReview } from './self-review.ts';
import type { SelfReviewView } from './self-review.ts';

type InvitationAnswer = 'pending' | 'accepted' | 'declined';

interface Invitation {
  cycleId: string;
  reviewerId: string;
  reviewerName?: string;
  serviceName: string;
  networkName: string;
  role?: string;
  roleLabel?: string;
  isLead: boolean;
  visitDate?: string;
  hostAddress?: string;
  /** The allocation's status: invited (answers open), confirmed, declined, cancelled... */
  invitationStatus: string;
  answer: InvitationAnswer;
  /** YYYY-MM-DD, while the acceptance step waits. */
  replyBy?: string;
  team: { name: string; roleLabel: string }[];
  /** The visit's .ics, once this reviewer has accepted. */
  calendar?: { filename: string; content: string };
}

interface Standard {
  id: string;
  section: string;
  type: string;
  text: string;
  guidance?: string;
}

type Rating = 'met' | 'not-met' | 'not-applicable';

/** What the service said of one standard: its saved answer, or the rating of a submission made in one go (CLI, API). */
interface SelfAnswer {
  rating?: string;
  comment?: string;
  evidence: Evidence[];
}

/** The service's self-review as the review team reads it, by standard id. */
type SelfReview = Record<string, SelfAnswer>;

interface RatingsTask {
  status: string;
  dueAt?: string;
}

interface PeerRatingsData {
  standards: Standard[];
  selfReview?: SelfReview;
  task?: RatingsTask;
}

const cyclePath = (cycleId: string) => `/cycles/${encodeURIComponent(cycleId)}`;
const invitationPath = (cycleId: string, reviewerId: string) => `${cyclePath(cycleId)}/reviewers/${encodeURIComponent(reviewerId)}`;

const loadInvitation = async (api: Api, cycleId: string, reviewerId: string): Promise<Invitation> =>
  (await api.get<{ invitation: Invitation }>(`${invitationPath(cycleId, reviewerId)}/invitation`)).body.invitation;

/** A step not opened yet (404) is no step; any other failure is the page's to show. */
const taskOrNothing = async <T>(api: Api, cycleId: string, stage: string): Promise<T | undefined> => {
  try {
    return (await api.get<{ task: T }>(`${cyclePath(cycleId)}/tasks/${stage}`)).body.task;
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined;
    throw error;
  }
};

/** The saved answers per standard (comment and evidence), over the submission's ratings for a self-review sent in one go. */
const selfReviewOf = (view: SelfReviewView | undefined, submitted: Record<string, string> = {}): SelfReview => {
  const answers: SelfReview = Object.fromEntries(Object.entries(submitted).map(([standardId, rating]) => [standardId, { rating, evidence: [] }]));
  for (const standard of view?.sections.flatMap((section) => section.standards) ?? []) {
    if (!standard.answer) continue;
    answers[standard.id] = { rating: standard.answer.rating ?? answers[standard.id]?.rating, comment: standard.answer.comment, evidence: standard.answer.evidence ?? [] };
  }
  return answers;
};

const loadPeerRatingsData = async (api: Api, cycleId: string): Promise<PeerRatingsData> => {
  const [standards, selfReviewTask, selfReviewView, task] = await Promise.all([
    api.get<{ standards: Standard[] }>(`${cyclePath(cycleId)}/standards`),
    taskOrNothing<{ submission?: { ratings?: Record<string, string> } }>(api, cycleId, 'self-review'),
    loadSelfReview(api, cycleId).catch(() => undefined),
    taskOrNothing<RatingsTask>(api, cycleId, 'peer-ratings'),
  ]);
  return { standards: standards.body.standards, selfReview: selfReviewOf(selfReviewView, selfReviewTask?.submission?.ratings), task };
};

export { cyclePath, invitationPath, loadInvitation, loadPeerRatingsData };
export type { Invitation, InvitationAnswer, PeerRatingsData, Rating, SelfAnswer, SelfReview, Standard };
