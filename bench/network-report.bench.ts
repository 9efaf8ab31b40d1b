// The network report at a large network's size: 1,000 member services × 300 standards (CCQI's
// largest networks have a few hundred members and about 200 standards). Seeded ratings, so every run
// measures the same work; the median of 7 runs after a warm-up, with min and max.
import { performance } from 'node:perf_hooks';
import { buildNetworkReport, networkReportRecords } from '#core/network-report';
import type { ReportMember } from '#core/network-report';
import { Rating } from '#core/ratings';
import { seededRandom } from './seeded-random.ts';

const random = seededRandom(2026_12_02);
const SERVICES = 1_000;
const STANDARDS = 300;
const standards = Array.from({ length: STANDARDS }, (_, index) => ({ id: `${Math.floor(index / 20) + 1}.${(index % 20) + 1}`, section: `Section ${Math.floor(index / 20) + 1}`, type: ((index % 3) + 1) as 1 | 2 | 3, text: `Standard ${index + 1}` }));
const members: ReportMember[] = Array.from({ length: SERVICES }, (_, index) => ({
  serviceId: `svc-${index}`,
  serviceName: `Service ${index}`,
  cycleId: `cohort-svc-${index}`,
  ratings: new Map(standards.map((standard) => {
    const draw = random();
    return [standard.id, draw < 0.75 ? Rating.Met : draw < 0.95 ? Rating.NotMet : Rating.NotApplicable];
  })),
}));

const measure = (label: string, run: () => unknown) => {
  run();
  const times: number[] = [];
  for (let repeat = 0; repeat < 7; repeat += 1) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(`${label.padEnd(44)} median ${times[3].toFixed(1).padStart(7)} ms  (min ${times[0].toFixed(1)}, max ${times[6].toFixed(1)})`);
};

console.log(`${SERVICES.toLocaleString('en-GB')} services × ${STANDARDS} standards`);
measure('network report, staff view', () => buildNetworkReport(standards, members, { kind: 'staff' }));
measure('network report, one service’s view', () => buildNetworkReport(standards, members, { kind: 'service', serviceIds: ['svc-500'] }));
measure('network report CSV records', () => networkReportRecords(buildNetworkReport(standards, members, { kind: 'staff' })));
