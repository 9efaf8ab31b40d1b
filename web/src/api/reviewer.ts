// What the reviewer's pages read from the API: their invitation (GET .../reviewers/{id}/invitation),
// and for the peer ratings the cycle's standards, the service's self-review and the ratings step.
import type { Api } from './client.ts';

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

/** The service's self-review as the API stores it today: a rating per standard id (comments and evidence when it has them). */
interface SelfReview {
  summary?: string;
  ratings: Record<string, string | { rating?: string; comment?: string; evidence?: unknown }>;
}

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

const loadPeerRatingsData = async (api: Api, cycleId: string): Promise<PeerRatingsData> => {
  const [standards, selfReviewTask, task] = await Promise.all([
    api.get<{ standards: Standard[] }>(`${cyclePath(cycleId)}/standards`),
    taskOrNothing<{ submission?: SelfReview }>(api, cycleId, 'self-review'),
    taskOrNothing<RatingsTask>(api, cycleId, 'peer-ratings'),
  ]);
  return { standards: standards.body.standards, selfReview: selfReviewTask?.submission, task };
};

export { cyclePath, invitationPath, loadInvitation, loadPeerRatingsData };
export type { Invitation, InvitationAnswer, PeerRatingsData, Rating, SelfReview, Standard };
