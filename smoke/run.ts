// One smoke run against a target: the walk, the checks after it, the clean-up; each printed as
// ok or FAIL. Passed only when every check is ok.
import { checkAndCleanUp } from './checks.ts';
import type { Check, SmokeTarget } from './target.ts';
import { runWalk } from './walk.ts';

interface SmokeReport {
  target: string;
  passed: boolean;
  checks: Check[];
}

const checkLine = (check: Check): string => `${check.ok ? 'ok  ' : 'FAIL'} ${check.name}${check.detail ? `: ${check.detail}` : ''}`;

const runSmoke = async (target: SmokeTarget, options: { timeoutMs?: number; print?: (line: string) => void } = {}): Promise<SmokeReport> => {
  const print = options.print ?? (() => undefined);
  print(`Smoke test against ${target.name} (${target.api})`);
  const walk = await runWalk(target, { timeoutMs: options.timeoutMs });
  walk.checks.forEach((check) => print(checkLine(check)));
  const after = await checkAndCleanUp(target, walk, options.timeoutMs);
  after.forEach((check) => print(checkLine(check)));
  const checks = [...walk.checks, ...after];
  const passed = checks.every((check) => check.ok);
  print(passed ? `Passed: ${checks.length} checks` : `FAILED: ${checks.filter((check) => !check.ok).length} of ${checks.length} checks`);
  return { target: target.name, passed, checks };
};

export { checkLine, runSmoke };
export type { SmokeReport };
