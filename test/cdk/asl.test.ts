import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { App, Stack } from 'aws-cdk-lib';
import { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { functionCatalogue } from '#contracts/function-catalogue';
import type { FunctionSpec } from '#contracts/function-catalogue';
import { stageConfig } from '../../lib/config/stage-config.ts';
import { AslSubstitutionError } from '../../lib/errors.ts';
import { listAslFiles, substitutionKeysIn } from '../../lib/workflow/asl-files.ts';
import { StateMachineFromAsl } from '../../lib/workflow/state-machine-from-asl.ts';
import { synthDeployment } from './synth-deployment.ts';
import type { SynthesizedDeployment } from './synth-deployment.ts';

type AslState = Record<string, unknown> & { Type?: string; Resource?: string };
interface AslMachine { States: Record<string, AslState> }

/** Every state, including those inside Parallel branches and Map processors. */
const allStates = (machine: AslMachine): Array<[string, AslState]> =>
  Object.entries(machine.States).flatMap(([name, state]) => {
    const nested: AslMachine[] = [
      ...((state.Branches as AslMachine[] | undefined) ?? []),
      ...(state.ItemProcessor !== undefined ? [state.ItemProcessor as AslMachine] : []),
      ...(state.Iterator !== undefined ? [state.Iterator as AslMachine] : []),
    ];
    return [[name, state] as [string, AslState], ...nested.flatMap(allStates)];
  });

const aslFiles = listAslFiles();
const catalogueKeys = new Set((functionCatalogue as readonly FunctionSpec[]).flatMap((spec) => spec.substitutionKey ?? []));

describe('ASL files deployed by the workflow stack', () => {
  let synthesized: SynthesizedDeployment;
  beforeAll(() => {
    synthesized = synthDeployment('dev');
  });

  it('finds at least one state machine definition to deploy', () => {
    // Assess
    expect(aslFiles.length).toBeGreaterThan(0);
  });

  it.each(aslFiles.map((asl) => [asl.name, asl]))('%s: every ${...} substitution is provided by the stack', (_name, asl) => {
    // Prepare
    const used = substitutionKeysIn(asl.text);
    const machines = synthesized.templates.workflow.findResources('AWS::StepFunctions::StateMachine', {
      Properties: { StateMachineName: `${synthesized.config.prefix}-${asl.name}` },
    });
    // Act
    const [machine] = Object.values(machines);
    const provided = Object.keys((machine.Properties.DefinitionSubstitutions ?? {}) as Record<string, unknown>);
    // Assess
    expect(used.length).toBeGreaterThan(0);
    expect(provided.sort()).toEqual(used);
  });

  it.each(aslFiles.map((asl) => [asl.name, asl]))('%s: every function the ASL names is in the catalogue', (_name, asl) => {
    // Prepare
    const functionKeys = substitutionKeysIn(asl.text).filter((key) => key.endsWith('FunctionArn'));
    // Act
    const unknown = functionKeys.filter((key) => !catalogueKeys.has(key));
    // Assess
    expect(functionKeys.length).toBeGreaterThan(0);
    expect(unknown).toEqual([]);
  });

  it.each(aslFiles.map((asl) => [asl.name, asl]))('%s: every callback state has a timeout', (_name, asl) => {
    // Prepare
    const machine = JSON.parse(asl.text) as AslMachine;
    // Act
    const callbacks = allStates(machine).filter(([, state]) => String(state.Resource ?? '').endsWith('.waitForTaskToken'));
    const withoutTimeout = callbacks
      .filter(([, state]) => state.TimeoutSeconds === undefined && state.TimeoutSecondsPath === undefined)
      .map(([name]) => name);
    // Assess
    expect(callbacks.length).toBeGreaterThan(0);
    expect(withoutTimeout).toEqual([]);
  });

  it('fails the synth when an ASL file uses a substitution nobody provides', () => {
    // Prepare
    const [asl] = aslFiles;
    const broken = { ...asl, text: readFileSync(asl.path, 'utf8').replace('${EnrolServiceFunctionArn}', '${NoSuchFunctionArn}') };
    const stack = new Stack(new App(), 'Broken');
    const functionsByKey = new Map([...catalogueKeys].map((key) => [
      key, LambdaFunction.fromFunctionArn(stack, key, `arn:aws:lambda:eu-west-2:111111111111:function:${key}`),
    ]));
    // Act
    let attempt = 0;
    const build = () => new StateMachineFromAsl(stack, `Machine${attempt++}`, { asl: broken, config: stageConfig({ stage: 'dev' }), functionsByKey });
    // Assess
    expect(build).toThrow(AslSubstitutionError);
    expect(build).toThrow(/uses substitutions the stack does not provide: NoSuchFunctionArn$/);
  });
});
