// The service's self-review (issue 9): the standards by section with each saved answer
// (GET /cycles/{id}/self-review), one standard's answer saved as the person goes
// (PUT /cycles/{id}/self-review/answers/{standardId}, 409 when someone saved a newer one), and
// the submission built from the saved answers (POST /cycles/{id}/tasks/self-review).
import type { Evidence, SectionView, SelfReviewAnswer } from '#core/self-review';
import type { Api } from './client.ts';

interface SelfReviewView {
  cycleId: string;
  standardsVersionId: string;
  /** The enrolled service lead(s): only they (or staff) submit. */
  serviceLeads: string[];
  /** A follow-up cycle (interim review, renewal): the cycle whose plan GET /cycles/{id}/last-review shows. */
  previousCycleId?: string;
  task?: { status: string; dueAt: string; submittedAt?: string; submittedBy?: string };
  sections: SectionView[];
}

interface AnswerDraft {
  rating?: SelfReviewAnswer['rating'];
  comment?: string;
  evidence?: Evidence[];
}

const cyclePath = (cycleId: string) => `/cycles/${encodeURIComponent(cycleId)}`;

const loadSelfReview = async (api: Api, cycleId: string): Promise<SelfReviewView> => (await api.get<SelfReviewView>(`${cyclePath(cycleId)}/self-review`)).body;

const saveSelfReviewAnswer = async (api: Api, cycleId: string, standardId: string, draft: AnswerDraft, basedOnVersion: number, savedBy: string): Promise<SelfReviewAnswer> =>
  (await api.put<{ answer: SelfReviewAnswer }>(`${cyclePath(cycleId)}/self-review/answers/${encodeURIComponent(standardId)}`, { ...draft, basedOnVersion, savedBy })).body.answer;

const submitSelfReview = async (api: Api, cycleId: string, submittedBy: string): Promise<void> => {
  await api.post(`${cyclePath(cycleId)}/tasks/self-review`, { submittedBy, fromSavedAnswers: true });
};

/** The page address of a section: its position in the standards file (1-based), so a section name needs no escaping. */
const sectionHref = (cycleId: string, index: number) => `${cyclePath(cycleId)}/self-review/sections/${index + 1}`;
const selfReviewHref = (cycleId: string) => `${cyclePath(cycleId)}/tasks/self-review`;
const checkAnswersHref = (cycleId: string) => `${cyclePath(cycleId)}/self-review/check`;

export { checkAnswersHref, loadSelfReview, saveSelfReviewAnswer, sectionHref, selfReviewHref, submitSelfReview };
export type { AnswerDraft, SelfReviewView };
