// The relay of the outbox on AWS (issue 12): the table's stream, the filtered trigger with partial
// batch responses, its least-privilege role and a dead-letter queue (its alarm: test/cdk/monitoring.test.ts).
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { actionsOf, roleOfFunction, statementsOfRole } from './iam-statements.ts';
import { synthDeployment } from './synth-deployment.ts';
import type { SynthesizedDeployment } from './synth-deployment.ts';

describe.each(['dev', 'prod'] as const)('CDK: hand-over relay (%s)', (stage) => {
  let synthesized: SynthesizedDeployment;
  const relayName = () => `${synthesized.config.prefix}-hand-over-relay`;

  beforeAll(() => {
    synthesized = synthDeployment(stage);
  });

  it('the table streams new images and publishes the stream ARN by name', () => {
    // Assess
    const { data } = synthesized.templates;
    data.hasResourceProperties('AWS::DynamoDB::GlobalTable', { StreamSpecification: { StreamViewType: 'NEW_IMAGE' } });
    data.hasResourceProperties('AWS::SSM::Parameter', { Name: `/${synthesized.config.prefix}/table-stream-arn` });
  });

  it('triggers the relay only for new hand-overs, from the oldest record, with partial batch responses and a dead-letter queue', () => {
    // Assess
    const { workflow } = synthesized.templates;
    workflow.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: Match.anyValue(),
      StartingPosition: 'TRIM_HORIZON',
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 20,
      FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ eventName: ['INSERT'], dynamodb: { Keys: { sk: { S: [{ prefix: 'HANDOVER#' }] } } } }) }] },
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
    workflow.hasResourceProperties('AWS::SQS::Queue', { QueueName: `${synthesized.config.prefix}-hand-overs-dlq`, SqsManagedSseEnabled: true });
  });

  it("gives the relay's role the stream reads on the stream only, the callback actions, and sending to its dead-letter queue", () => {
    // Prepare
    const { workflow } = synthesized.templates;
    const statements = statementsOfRole(workflow, roleOfFunction(workflow, relayName()));

    // Assess
    const streamStatements = statements.filter((statement) => actionsOf(statement).some((action) => action.startsWith('dynamodb:GetRecords')));
    expect(streamStatements).toHaveLength(1);
    // The stream ARN the data stack published, resolved from SSM at deploy time.
    expect(streamStatements[0].Resource).toEqual({ Ref: expect.stringMatching(/^SsmParameterValue.*tablestreamarn/) });
    const actions = statements.flatMap(actionsOf);
    expect(actions).toEqual(expect.arrayContaining(['states:SendTaskSuccess', 'sqs:SendMessage']));
    expect(actions).not.toContain('dynamodb:Scan');
    expect(actions.filter((action) => action.includes('*'))).toEqual([]);
  });
});
