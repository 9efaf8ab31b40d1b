import { beforeAll, describe, expect, it } from 'vitest';
import { Validations } from 'aws-cdk-lib';
import type { App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { synthDeployment } from './synth-deployment.ts';

interface Acknowledgement { id: string; reason: string; path: string }

const acknowledgementsIn = (app: App): Acknowledgement[] =>
  app.node.findAll().flatMap((construct: IConstruct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      // Recorded as { "<kind>::<rule id>": "<reason>" }.
      .flatMap((entry) => Object.entries(entry.data as Record<string, string>))
      .map(([key, reason]) => ({ id: key.slice(key.indexOf('::') + 2), reason, path: construct.node.path })));

describe.each(['dev', 'prod'] as const)('cdk-nag AwsSolutions (%s)', (stage) => {
  let app: App;
  beforeAll(() => {
    ({ app } = synthDeployment(stage));
  });

  it('reports no finding that is not acknowledged', () => {
    // Act
    const report = new AwsSolutionsChecks().validateScope(app);
    const findings = report.violations.map((violation) => `${violation.ruleName} at ${violation.violatingResources.map((resource) => resource.constructPath).join(', ')}`);
    // Assess
    expect(findings).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('names the rule and gives a reason for every acknowledgement', () => {
    // Act
    const acknowledgements = acknowledgementsIn(app);
    const vague = acknowledgements.filter((ack) => !/^AwsSolutions-[A-Z]+\d+/.test(ack.id) || ack.reason.trim().length < 40);
    // Assess
    expect(acknowledgements.length).toBeGreaterThan(0);
    expect(vague).toEqual([]);
  });
});
