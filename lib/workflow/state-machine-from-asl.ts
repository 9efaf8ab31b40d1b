// A Standard state machine whose definition is an ASL file, never restated in TypeScript.
// Its role may invoke the functions that file names and nothing else.
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config.ts';
import { resourceNames } from '../config/resource-names.ts';
import { AslSubstitutionError } from '../errors.ts';
import { acknowledge } from '../nag.ts';
import type { AslFile } from './asl-files.ts';
import { substitutionKeysIn } from './asl-files.ts';

interface StateMachineFromAslProps {
  asl: AslFile;
  config: StageConfig;
  /** Every function a substitution key may name, by key. */
  functionsByKey: ReadonlyMap<string, IFunction>;
  /** Values for keys that are not functions (table name, ...). */
  otherSubstitutions?: Readonly<Record<string, string>>;
}

class StateMachineFromAsl extends Construct {
  readonly stateMachine: StateMachine;
  readonly invokedFunctions: readonly IFunction[];
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: StateMachineFromAslProps) {
    super(scope, id);
    const { asl, config } = props;
    const keys = substitutionKeysIn(asl.text);
    const functionKeys = keys.filter((key) => props.functionsByKey.has(key));
    const other = props.otherSubstitutions ?? {};
    const missing = keys.filter((key) => !props.functionsByKey.has(key) && !(key in other));
    if (missing.length > 0) throw new AslSubstitutionError(asl.path, missing);

    this.invokedFunctions = functionKeys.map((key) => props.functionsByKey.get(key) as IFunction);
    const definitionSubstitutions: Record<string, string> = {};
    for (const key of functionKeys) definitionSubstitutions[key] = (props.functionsByKey.get(key) as IFunction).functionArn;
    for (const key of keys.filter((candidate) => candidate in other)) definitionSubstitutions[key] = other[key];

    const name = resourceNames(config).stateMachine(asl.name);
    // The /aws/vendedlogs/ prefix keeps CloudWatch Logs' resource policy under its 5,120-character limit.
    this.logGroup = new LogGroup(this, 'Logs', {
      logGroupName: `/aws/vendedlogs/states/${name}`,
      retention: config.logRetention,
      removalPolicy: config.removalPolicy,
    });
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('states.amazonaws.com'),
      description: `Runs ${name}; may invoke only the functions its ASL names`,
    });
    if (this.invokedFunctions.length > 0) {
      role.addToPrincipalPolicy(new PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: this.invokedFunctions.map((fn) => fn.functionArn),
      }));
    }
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineName: name,
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromFile(asl.path),
      definitionSubstitutions,
      role,
      tracingEnabled: true,
      logs: { destination: this.logGroup, level: LogLevel.ALL, includeExecutionData: config.logExecutionData },
      removalPolicy: config.removalPolicy,
    });
    acknowledge(role, 'AwsSolutions-IAM5[Resource::*]',
      'X-Ray tracing and CloudWatch Logs log delivery (logs:CreateLogDelivery and friends) accept only Resource "*" (Step Functions logging documentation).');
  }
}

export { StateMachineFromAsl };
export type { StateMachineFromAslProps };
