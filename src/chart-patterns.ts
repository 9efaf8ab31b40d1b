// The patterns both chart types look for, so a run chart and an XmR chart of the same data agree
// on what a run and a trend are (run-chart.ts and spc-chart.ts cite each rule's source):
// - a run is consecutive points on one side of a centre line; points on the line are skipped,
//   neither breaking the run nor adding to it;
// - a trend is consecutive increases (or decreases); a value equal to the one before is skipped the
//   same way.

/** A span of points by index, first and last inclusive. */
interface Span {
  from: number;
  to: number;
}

const median = (values: readonly number[]): number => {
  if (values.length === 0) throw new RangeError('A median needs at least one value');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const sideOf = (value: number, centre: number): 'above' | 'below' | undefined =>
  value > centre ? 'above' : value < centre ? 'below' : undefined;

/** Consecutive points on one side of the centre, points on it skipped (they neither break nor add). */
const runsAround = (values: readonly number[], centre: number): (Span & { side: 'above' | 'below'; points: number })[] => {
  const runs: (Span & { side: 'above' | 'below'; points: number })[] = [];
  values.forEach((value, index) => {
    const side = sideOf(value, centre);
    if (!side) return;
    const current = runs.at(-1);
    if (current && current.side === side) {
      current.to = index;
      current.points += 1;
    } else runs.push({ from: index, to: index, side, points: 1 });
  });
  return runs;
};

/** Consecutive increases or decreases; a repeated value neither breaks nor adds. */
const trendsIn = (values: readonly number[], length: number): (Span & { direction: 'up' | 'down' })[] => {
  const trends: (Span & { direction: 'up' | 'down' })[] = [];
  let current: (Span & { direction: 'up' | 'down'; points: number }) | undefined;
  let previous = 0;
  const close = () => {
    if (current && current.points >= length) trends.push({ from: current.from, to: current.to, direction: current.direction });
  };
  values.forEach((value, index) => {
    if (index === 0) {
      previous = index;
      return;
    }
    const change = value - values[previous];
    if (change === 0) {
      if (current) current.to = index;
      return;
    }
    const direction = change > 0 ? 'up' : 'down';
    if (current && current.direction === direction) {
      current.to = index;
      current.points += 1;
    } else {
      close();
      current = { from: previous, to: index, direction, points: 2 };
    }
    previous = index;
  });
  close();
  return trends;
};

export { median, runsAround, sideOf, trendsIn };
export type { Span };
