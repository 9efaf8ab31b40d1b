// Where a stage's settings come from: cdk.json's "stages": { "<stage>": { ... } } (kept with the
// project, so a stage deploys the same way every time), overridden by `-c key=value`.
import type { StageContext } from './stage-config.ts';

const settingNames = ['emailDomain', 'appBaseUrl', 'alarmEmail', 'cliCallbackPort', 'authDomainPrefix'] as const;

const stageContextFrom = (context: (key: string) => unknown): StageContext & { hostedZoneId?: unknown } => {
  const stage = context('stage');
  const stages = context('stages');
  const saved = typeof stages === 'object' && stages !== null && typeof stage === 'string'
    ? ((stages as Record<string, unknown>)[stage] ?? {}) as Record<string, unknown>
    : {};
  const settings: Record<string, unknown> = { stage };
  for (const name of [...settingNames, 'hostedZoneId']) settings[name] = context(name) ?? saved[name];
  return settings;
};

export { stageContextFrom };
