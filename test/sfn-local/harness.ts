// Starts the local runtime for a conformance test and talks to it only through
// @aws-sdk/client-sfn, as any AWS client would.
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  SFNClient,
  StartExecutionCommand,
  type DescribeExecutionCommandOutput,
  type HistoryEvent,
} from '@aws-sdk/client-sfn';
import { enteredStates, executionHistory } from '../support/execution-history.ts';
import { startLocalStepFunctions, type LambdaInvoker, type LocalStepFunctionsOptions } from '#sfn-local/index';

interface Harness {
  sfn: SFNClient;
  runtime: Awaited<ReturnType<typeof startLocalStepFunctions>>;
  createMachine(definition: object, name?: string): Promise<string>;
  start(stateMachineArn: string, input?: unknown, name?: string): Promise<string>;
  /** Polls DescribeExecution until the execution leaves RUNNING or `deadlineMs` of real time passes. */
  waitForEnd(executionArn: string, deadlineMs?: number): Promise<DescribeExecutionCommandOutput>;
  history(executionArn: string): Promise<HistoryEvent[]>;
  stop(): Promise<void>;
}

let machineCounter = 0;

const startHarness = async (
  invokeLambda: LambdaInvoker = async () => ({}),
  overrides: Partial<Pick<LocalStepFunctionsOptions, 'store' | 'clock'>> = {},
): Promise<Harness> => {
  const runtime = await startLocalStepFunctions({
    store: overrides.store ?? { kind: 'memory' },
    clock: overrides.clock ?? { kind: 'manual', startAt: new Date('2026-01-05T09:00:00.000Z') },
    invokeLambda,
  });
  const sfn = new SFNClient({ endpoint: runtime.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  return {
    sfn,
    runtime,
    async createMachine(definition, name = `machine-${++machineCounter}`) {
      const created = await sfn.send(
        new CreateStateMachineCommand({ name, definition: JSON.stringify(definition), roleArn: 'arn:aws:iam::000000000000:role/test' }),
      );
      return created.stateMachineArn as string;
    },
    async start(stateMachineArn, input = {}, name) {
      const started = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input), name }));
      return started.executionArn as string;
    },
    async waitForEnd(executionArn, deadlineMs = 20_000) {
      const until = Date.now() + deadlineMs;
      for (;;) {
        const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
        if (described.status !== 'RUNNING' || Date.now() > until) return described;
        await runtime.idle();
        const again = await sfn.send(new DescribeExecutionCommand({ executionArn }));
        if (again.status !== 'RUNNING') return again;
        if (runtime.clock.mode === 'manual') return again;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    history: (executionArn) => executionHistory(sfn, executionArn),
    async stop() {
      sfn.destroy();
      await runtime.stop();
    },
  };
};

/** The name of the terminal state entered last (Succeed/Fail), read from the history. */
const terminalState = (events: HistoryEvent[]): string | undefined =>
  events
    .filter((event) => event.type === 'SucceedStateEntered' || event.type === 'FailStateEntered')
    .map((event) => event.stateEnteredEventDetails?.name)
    .pop();

const jsonata = (definition: Record<string, unknown>) => ({ QueryLanguage: 'JSONata', ...definition });

export { startHarness, terminalState, enteredStates as statesEntered, jsonata };
export type { Harness };
