// Every function in contracts/function-catalogue.ts, built the same way. Adding a catalogue entry and its
// handler file is all it takes to deploy a new function.
import { existsSync } from 'node:fs';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { FunctionSpec } from '#contracts/function-catalogue';
import type { StageConfig } from '../config/stage-config.ts';
import { MissingHandlerError } from '../errors.ts';
import { handlerEntryFor } from '../project-paths.ts';
import { ProjectFunction } from './project-function.ts';

type EntryResolver = (spec: FunctionSpec) => string;

interface FunctionSetProps {
  catalogue: readonly FunctionSpec[];
  config: StageConfig;
  /** Where each handler's source is; defaults to functions/<name>/handler.ts. */
  entryFor?: EntryResolver;
}

const defaultEntryFor: EntryResolver = (spec) => {
  const entry = handlerEntryFor(spec.name);
  if (!existsSync(entry)) throw new MissingHandlerError(spec.name, entry);
  return entry;
};

const constructIdFor = (name: string): string =>
  name.split('-').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');

class FunctionSet extends Construct {
  readonly functions: readonly ProjectFunction[];

  constructor(scope: Construct, id: string, props: FunctionSetProps) {
    super(scope, id);
    const entryFor = props.entryFor ?? defaultEntryFor;
    this.functions = props.catalogue.map((spec) =>
      new ProjectFunction(this, constructIdFor(spec.name), { spec, entry: entryFor(spec), config: props.config }));
  }

  /** Functions a state machine may reference, by their ASL substitution key. */
  bySubstitutionKey(): Map<string, IFunction> {
    const byKey = new Map<string, IFunction>();
    for (const projectFunction of this.functions) {
      if (projectFunction.spec.substitutionKey !== undefined) byKey.set(projectFunction.spec.substitutionKey, projectFunction.fn);
    }
    return byKey;
  }

  named(name: string): ProjectFunction | undefined {
    return this.functions.find((projectFunction) => projectFunction.spec.name === name);
  }

  withTrigger(trigger: FunctionSpec['trigger']): ProjectFunction[] {
    return this.functions.filter((projectFunction) => projectFunction.spec.trigger === trigger);
  }
}

export { FunctionSet, defaultEntryFor, constructIdFor };
export type { FunctionSetProps, EntryResolver };
