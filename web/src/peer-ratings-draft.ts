// The lead reviewer's half-done peer ratings, kept in this browser's localStorage (keyed by cycle
// and signed-in person) so closing the browser loses nothing. Nothing is sent until they submit;
// the page says the draft stays on this computer.
import type { Rating } from './api/reviewer.ts';

interface StandardAnswer {
  rating?: Rating;
  comment?: string;
}

interface PeerRatingsDraft {
  answers: Record<string, StandardAnswer>;
  goodPractice: string;
  areasForDevelopment: string;
  savedAt?: string;
}

const emptyDraft = (): PeerRatingsDraft => ({ answers: {}, goodPractice: '', areasForDevelopment: '' });

const draftKey = (cycleId: string, user: string): string => `accredit:peer-ratings:${cycleId}:${user}`;

/** The saved draft, or an empty one (storage off, or a draft from an older shape). */
const readDraft = (cycleId: string, user: string): PeerRatingsDraft => {
  try {
    const stored = JSON.parse(localStorage.getItem(draftKey(cycleId, user)) ?? 'null') as Partial<PeerRatingsDraft> | null;
    if (!stored || typeof stored !== 'object' || typeof stored.answers !== 'object' || stored.answers === null) return emptyDraft();
    return { ...emptyDraft(), ...stored, answers: stored.answers };
  } catch {
    return emptyDraft();
  }
};

/** Saves the draft; false when the browser refuses (private mode, storage full), so the page can say so. */
const writeDraft = (cycleId: string, user: string, draft: PeerRatingsDraft): boolean => {
  try {
    localStorage.setItem(draftKey(cycleId, user), JSON.stringify(draft));
    return true;
  } catch {
    return false;
  }
};

const clearDraft = (cycleId: string, user: string): void => {
  try {
    localStorage.removeItem(draftKey(cycleId, user));
  } catch {
    // Nothing to clear when storage is off.
  }
};

/** One line per item: the API takes good practice and areas for development as lists. */
const linesOf = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.replace(/^\s*[-*•]\s*/, '').trim())
    .filter(Boolean);

export { clearDraft, draftKey, emptyDraft, linesOf, readDraft, writeDraft };
export type { PeerRatingsDraft, StandardAnswer };
