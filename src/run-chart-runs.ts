// The "too few or too many runs" rule of a run chart needs, for each number of useful observations
// (points not on the median), the range of runs random variation gives. IHI's run-chart guidance
// (Perla, Provost & Murray, "The run chart: a simple analytical tool for learning from variation in
// healthcare processes", BMJ Quality & Safety 2011;20:46–51, Table 1) publishes that range from
// Swed & Eisenhart's runs distribution (Annals of Mathematical Statistics 1943;14:66–87) at about a
// 5% risk. We compute it from the same distribution rather than keep a pasted table:
// - the number of runs R among n1 points on one side and n2 on the other has
//     P(R = 2k)     = 2·C(n1−1, k−1)·C(n2−1, k−1) / C(n, n1)
//     P(R = 2k + 1) = [C(n1−1, k−1)·C(n2−1, k) + C(n1−1, k)·C(n2−1, k−1)] / C(n, n1)
//   with n1 = ⌊n/2⌋, n2 = ⌈n/2⌉ (half the useful points on each side of the median);
// - the published lower limit is the largest r with P(R ≤ r) ≤ 5%, the upper the largest r with
//   P(R ≥ r) > 5%. Fewer runs than the lower limit, or more than the upper, is a signal.
// This reproduces the published rows, e.g. 16 useful observations → 5 to 12 runs, 20 → 6 to 15,
// 30 → 11 to 20, 60 → 24 to 37 (test/unit/core/run-chart.test.ts pins them).
// Past 1,000 useful observations the binomials leave double precision, and the runs distribution
// is as near normal as makes no difference (Swed & Eisenhart give the normal approximation for large
// samples): mean 2·n1·n2/n + 1, variance 2·n1·n2·(2·n1·n2 − n) / (n²·(n − 1)).

/** The table starts at 10 useful observations: with fewer the rule is not applied (Perla et al.). */
const FEWEST_USEFUL_OBSERVATIONS = 10;
const RISK = 0.05;
const LARGEST_EXACT = 1_000;
/** The standard normal's 95th percentile: the one-sided 5% point. */
const Z_95 = 1.6448536269514722;

const binomial = (n: number, k: number): number => {
  if (k < 0 || k > n) return 0;
  let result = 1;
  for (let i = 1; i <= Math.min(k, n - k); i += 1) result = (result * (n - Math.min(k, n - k) + i)) / i;
  return result;
};

/** P(R = r) for n useful observations split as evenly as they can be. */
const runsProbabilities = (n: number): number[] => {
  const n1 = Math.floor(n / 2);
  const n2 = n - n1;
  const ways = binomial(n, n1);
  const probabilities: number[] = new Array(n + 1).fill(0);
  for (let runs = 2; runs <= n; runs += 1) {
    const k = Math.floor(runs / 2);
    const count =
      runs % 2 === 0
        ? 2 * binomial(n1 - 1, k - 1) * binomial(n2 - 1, k - 1)
        : binomial(n1 - 1, k - 1) * binomial(n2 - 1, k) + binomial(n1 - 1, k) * binomial(n2 - 1, k - 1);
    probabilities[runs] = count / ways;
  }
  return probabilities;
};

interface RunsRange {
  /** Fewer runs than this is a signal. */
  fewest: number;
  /** More runs than this is a signal. */
  most: number;
}

const cache = new Map<number, RunsRange>();

const normalRange = (n: number): RunsRange => {
  const n1 = Math.floor(n / 2);
  const n2 = n - n1;
  const mean = (2 * n1 * n2) / n + 1;
  const sd = Math.sqrt((2 * n1 * n2 * (2 * n1 * n2 - n)) / (n * n * (n - 1)));
  // With a continuity correction, as the exact table's integer limits have.
  return { fewest: Math.floor(mean - Z_95 * sd + 0.5), most: Math.ceil(mean + Z_95 * sd - 0.5) };
};

/** The runs random variation gives for `useful` observations, or undefined below 10 of them. */
const expectedRuns = (useful: number): RunsRange | undefined => {
  if (!Number.isInteger(useful) || useful < FEWEST_USEFUL_OBSERVATIONS) return undefined;
  const known = cache.get(useful);
  if (known) return known;
  if (useful > LARGEST_EXACT) return normalRange(useful);
  const probabilities = runsProbabilities(useful);
  let fewest = 2;
  for (let runs = 2, below = 0; runs <= useful; runs += 1) {
    below += probabilities[runs];
    if (below > RISK) break;
    fewest = runs;
  }
  let most = useful;
  for (let runs = useful, above = 0; runs >= 2; runs -= 1) {
    above += probabilities[runs];
    if (above > RISK) {
      most = runs;
      break;
    }
  }
  const range = { fewest, most };
  cache.set(useful, range);
  return range;
};

export { FEWEST_USEFUL_OBSERVATIONS, expectedRuns };
export type { RunsRange };
