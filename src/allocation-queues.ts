// A cohort's allocation without a scan of the pool per host (issue 14: 1,000 hosts x 3,000
// reviewers had each host judge every reviewer free on each of its dates). For each date and
// role, a queue holds the reviewers free that day who could take the role, least loaded first;
// a host takes from the front the few it needs. Who a host's rules rule out, and who is booked,
// is counted from indexes by service, organisation and declared conflict, so the role pools'
// sizes (which order the roles and name a shortfall) come without the scan. The teams are the
// ones allocation.ts's scan picks: a property test holds the two to the same answers.
import { addToIndex, type Allocation, type AllocationIndex, type HostService, leadTrained, passesHostRules, type Reviewer } from './allocation-rules.ts';
import type { Candidate } from './allocation.ts';
import type { IsoDate } from './iso-date.ts';
import { isAvailableOn } from './reviewer-availability.ts';
import { ReviewerRole } from './vocabulary.ts';

interface Entry extends Candidate {
  /** Load, then organisation load, as one number (compared on every step of the heap). */
  weight: number;
  /** Place in the pool sorted by id, the earlier of equal ids first: the scan's tie-breaks. */
  rank: number;
}

// An organisation's places stay far below this in any cohort (it is 67 million).
const organisationLoadLimit = 2 ** 26;
const weightOf = (load: number, organisationLoad: number): number => load * organisationLoadLimit + Math.min(organisationLoad, organisationLoadLimit - 1);

/** The scan's order (allocation.ts byLoad: load, organisation load, id), then pool order. */
const before = (a: Entry, b: Entry): boolean => (a.weight !== b.weight ? a.weight < b.weight : a.rank < b.rank);

/** A binary min-heap of entries in the scan's order. */
class EntryHeap {
  private readonly items: Entry[] = [];

  get size(): number {
    return this.items.length;
  }

  push(entry: Entry): void {
    const items = this.items;
    let at = items.push(entry) - 1;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!before(entry, items[parent])) break;
      items[at] = items[parent];
      at = parent;
    }
    items[at] = entry;
  }

  pop(): Entry | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    let at = 0;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= items.length) break;
      const right = left + 1;
      const child = right < items.length && before(items[right], items[left]) ? right : left;
      if (!before(items[child], last)) break;
      items[at] = items[child];
      at = child;
    }
    items[at] = last;
    return top;
  }
}

const holdsRoleOn = (reviewer: Reviewer, role: ReviewerRole, date: IsoDate): boolean =>
  reviewer.roles.includes(role) && (role !== ReviewerRole.Lead || leadTrained(reviewer, date));

const addTo = <K, V>(map: Map<K, V[]>, key: K | undefined, value: V): void => {
  if (key === undefined) return;
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
};

/** The queues of one date and role, and how many of its reviewers are booked that day. */
interface RoleQueue {
  heap: EntryHeap;
  size: number;
  booked: number;
}

/** The cohort's queues over one pool; `index` is the cohort's allocations so far, kept up to date by `add`. */
class AllocationQueues {
  private readonly queues = new Map<string, RoleQueue>();
  private readonly free = new Map<IsoDate, Entry[]>();
  private readonly byId = new Map<string, Entry[]>();
  private readonly byService = new Map<string, Entry[]>();
  private readonly byOrganisation = new Map<string, Entry[]>();
  private readonly byConflict = new Map<string, Entry[]>();
  /** reviewer's service -> the hosts its reviewers visited this cycle (the reciprocal rule, read the other way). */
  private readonly hostsVisitedBy = new Map<string, Set<string>>();
  private readonly entries: Entry[];

  constructor(
    pool: readonly Reviewer[],
    private readonly index: AllocationIndex,
  ) {
    const ranks = pool.map((_reviewer, position) => position).sort((a, b) => (pool[a].id < pool[b].id ? -1 : pool[a].id > pool[b].id ? 1 : a - b));
    this.entries = pool.map((reviewer) => ({ reviewer, rank: 0, load: 0, organisationLoad: 0, weight: 0 }));
    ranks.forEach((position, rank) => {
      this.entries[position].rank = rank;
    });
    for (const entry of this.entries) {
      const { reviewer } = entry;
      addTo(this.byId, reviewer.id, entry);
      addTo(this.byService, reviewer.serviceId, entry);
      addTo(this.byOrganisation, reviewer.organisationId, entry);
      for (const conflict of new Set(reviewer.conflicts ?? [])) addTo(this.byConflict, conflict, entry);
    }
    for (const [host, services] of index.reviewersServicesByHost) for (const service of services) this.visited(service, host);
  }

  private visited(reviewerService: string, host: string): void {
    const hosts = this.hostsVisitedBy.get(reviewerService) ?? new Set<string>();
    this.hostsVisitedBy.set(reviewerService, hosts.add(host));
  }

  private refresh(entry: Entry): boolean {
    const { reviewer } = entry;
    const load = reviewer.reviewsThisYear + (this.index.visitsByReviewer.get(reviewer.id) ?? 0);
    const organisationLoad = reviewer.organisationId === undefined ? 0 : (this.index.placesByOrganisation.get(reviewer.organisationId) ?? 0);
    const changed = load !== entry.load || organisationLoad !== entry.organisationLoad;
    entry.load = load;
    entry.organisationLoad = organisationLoad;
    entry.weight = weightOf(load, organisationLoad);
    return changed;
  }

  /** The pool's reviewers free on the date, worked out once per date for its three role queues. */
  private freeOn(date: IsoDate): Entry[] {
    let free = this.free.get(date);
    if (free === undefined) {
      free = this.entries.filter((entry) => isAvailableOn(entry.reviewer, date));
      this.free.set(date, free);
    }
    return free;
  }

  private queue(date: IsoDate, role: ReviewerRole): RoleQueue {
    const key = `${date}|${role}`;
    let queue = this.queues.get(key);
    if (queue === undefined) {
      queue = { heap: new EntryHeap(), size: 0, booked: 0 };
      const booked = this.index.bookedOn.get(date);
      for (const entry of this.freeOn(date)) {
        if (!holdsRoleOn(entry.reviewer, role, date)) continue;
        queue.size += 1;
        if (booked?.has(entry.reviewer.id) === true) queue.booked += 1;
        else {
          // Each queue orders its own copy: an entry's load is refreshed where it is read.
          const copy = { ...entry };
          this.refresh(copy);
          queue.heap.push(copy);
        }
      }
      this.queues.set(key, queue);
    }
    return queue;
  }

  /** The pool's reviewers the host's own rules rule out (same service or organisation, reciprocal, declared conflict). */
  private ruledOut(host: HostService): Set<Entry> {
    const out = new Set<Entry>();
    const add = (list: readonly Entry[] | undefined) => list?.forEach((entry) => out.add(entry));
    add(this.byService.get(host.serviceId));
    add(this.byOrganisation.get(host.organisationId));
    add(this.byConflict.get(host.serviceId));
    add(this.byConflict.get(host.organisationId));
    // Reviewers whose own service this host's reviewers visited.
    for (const service of this.hostsVisitedBy.get(host.serviceId) ?? []) add(this.byService.get(service));
    return out;
  }

  /**
   * For each date, a view of each role's candidates for the host: how many there are (the scan's
   * pool size) and, in load order, as many as asked for. `release` puts back what was looked at.
   */
  forHost(host: HostService, dates: readonly IsoDate[]): HostQueues {
    const ruledOut = [...this.ruledOut(host)];
    const looked: { heap: EntryHeap; entry: Entry }[] = [];
    const views = new Map<IsoDate, Record<ReviewerRole, RoleView>>();
    for (const date of dates) {
      const booked = this.index.bookedOn.get(date);
      const view = (role: ReviewerRole): RoleView => {
        const queue = this.queue(date, role);
        const excluded = ruledOut.filter(({ reviewer }) => booked?.has(reviewer.id) !== true && isAvailableOn(reviewer, date) && holdsRoleOn(reviewer, role, date)).length;
        const front: Entry[] = [];
        return {
          size: queue.size - queue.booked - excluded,
          at: (position) => {
            while (front.length <= position) {
              const entry = queue.heap.pop();
              if (entry === undefined) return undefined;
              // Booked that day: for the rest of the cohort too.
              if (booked?.has(entry.reviewer.id) === true) continue;
              looked.push({ heap: queue.heap, entry });
              // Loads only grow, so an entry whose load moved goes back to its new place.
              if (this.refresh(entry)) {
                looked.pop();
                queue.heap.push(entry);
                continue;
              }
              if (passesHostRules(entry.reviewer, host, this.index)) front.push(entry);
            }
            return front[position];
          },
        };
      };
      views.set(date, { [ReviewerRole.Lead]: view(ReviewerRole.Lead), [ReviewerRole.ExpertByExperience]: view(ReviewerRole.ExpertByExperience), [ReviewerRole.Professional]: view(ReviewerRole.Professional) });
    }
    return {
      on: (date) => views.get(date) as Record<ReviewerRole, RoleView>,
      release: () => {
        for (const { heap, entry } of looked) heap.push(entry);
      },
    };
  }

  /** Counts a team made: its members booked on the date, their loads, the reciprocal rule. */
  add(allocation: Allocation): void {
    const booked = this.index.bookedOn.get(allocation.date);
    const newlyBooked = allocation.team.filter((member) => booked?.has(member.reviewerId) !== true).map((member) => member.reviewerId);
    addToIndex(this.index, allocation);
    for (const member of allocation.team) if (member.serviceId !== undefined) this.visited(member.serviceId, allocation.hostServiceId);
    for (const id of new Set(newlyBooked)) {
      for (const { reviewer } of this.byId.get(id) ?? []) {
        for (const role of Object.values(ReviewerRole)) {
          const queue = this.queues.get(`${allocation.date}|${role}`);
          if (queue !== undefined && isAvailableOn(reviewer, allocation.date) && holdsRoleOn(reviewer, role, allocation.date)) queue.booked += 1;
        }
      }
    }
  }
}

interface RoleView {
  /** How many of the pool could take the role for the host that day. */
  size: number;
  /** The candidate at this place in load order, or undefined past the last. */
  at: (position: number) => Candidate | undefined;
}

interface HostQueues {
  on: (date: IsoDate) => Record<ReviewerRole, RoleView>;
  release: () => void;
}

export { AllocationQueues };
export type { HostQueues, RoleView };
