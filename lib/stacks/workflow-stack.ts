// The functions of the catalogue, their grants, the state machines of statemachines/*.asl.json
// and the schedules. Other stacks' resources are reached by name (see config/resource-names.ts).
import { Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import type { FunctionSpec } from '#contracts/function-catalogue';
import { resourceNames } from '../config/resource-names.ts';
import type { StageConfig } from '../config/stage-config.ts';
import { tableDesign } from '../data/table-design.ts';
import { bindEmailSender } from '../functions/bind-email.ts';
import { bindEvidenceBucket } from '../functions/bind-evidence.ts';
import { bindScheduler } from '../functions/bind-scheduler.ts';
import { bindStateMachine } from '../functions/bind-state-machine.ts';
import { bindTable } from '../functions/bind-table.ts';
import { FunctionSet } from '../functions/function-set.ts';
import { TableStreamTrigger } from '../functions/bind-table-stream.ts';
import type { EntryResolver } from '../functions/function-set.ts';
import type { ProjectFunction } from '../functions/project-function.ts';
import type { EmailSender } from '../notifications/email-sending.ts';
import { Scheduling } from '../scheduling/scheduling.ts';
import type { AslFile } from '../workflow/asl-files.ts';
import { StateMachineFromAsl } from '../workflow/state-machine-from-asl.ts';

interface WorkflowStackProps extends StackProps {
  config: StageConfig;
  catalogue: readonly FunctionSpec[];
  aslFiles: readonly AslFile[];
  emailSender: EmailSender;
  entryFor?: EntryResolver;
}

/** A need the catalogue may add later; honoured when present. */
const schedulesCycleStarts = (spec: FunctionSpec): boolean =>
  (spec.needs as { schedulesStarts?: boolean }).schedulesStarts === true;
const signsEvidenceFiles = (spec: FunctionSpec): boolean => spec.needs.signsEvidenceFiles === true;

class WorkflowStack extends Stack {
  readonly functions: FunctionSet;
  readonly stateMachines: readonly StateMachineFromAsl[];
  readonly scheduling: Scheduling;

  constructor(scope: Construct, id: string, props: WorkflowStackProps) {
    super(scope, id, props);
    const { config } = props;
    const names = resourceNames(config);
    this.functions = new FunctionSet(this, 'Functions', { catalogue: props.catalogue, config, entryFor: props.entryFor });
    const table = TableV2.fromTableAttributes(this, 'Table', {
      tableName: names.table,
      globalIndexes: tableDesign.globalIndexes.map((index) => index.indexName),
    });
    this.scheduling = new Scheduling(this, 'Scheduling', {
      config,
      scheduledFunctions: this.functions.withTrigger('schedule'),
      stateMachineName: names.cycleStateMachine,
    });
    for (const projectFunction of this.functions.functions) {
      this.bindNeeds(projectFunction, { table, sender: props.emailSender, cycleStateMachineName: names.cycleStateMachine, evidenceBucketName: names.evidenceBucket });
    }
    for (const [index, { fn, spec }] of this.functions.withTrigger('table-stream').entries()) {
      new TableStreamTrigger(this, `TableStream${index}`, {
        fn,
        spec,
        tableName: names.table,
        streamArnParameterName: names.tableStreamArnParameter,
        deadLetterQueueName: names.handOverDeadLetterQueue,
      });
    }
    const functionsByKey = this.functions.bySubstitutionKey();
    this.stateMachines = props.aslFiles.map((asl) =>
      new StateMachineFromAsl(this, `StateMachine-${asl.name}`, { asl, config, functionsByKey }));
  }

  private bindNeeds(
    projectFunction: ProjectFunction,
    resources: { table: ReturnType<typeof TableV2.fromTableAttributes>; sender: EmailSender; cycleStateMachineName: string; evidenceBucketName: string },
  ): void {
    const { fn, spec } = projectFunction;
    bindTable({ fn, table: resources.table, access: spec.needs.table });
    if (spec.needs.sendsEmail) bindEmailSender({ fn, sender: resources.sender });
    bindStateMachine({
      fn,
      stateMachineName: resources.cycleStateMachineName,
      completesTasks: spec.needs.completesTasks,
      managesExecutions: spec.needs.managesExecutions,
    });
    if (signsEvidenceFiles(spec)) bindEvidenceBucket({ fn, bucketName: resources.evidenceBucketName });
    if (schedulesCycleStarts(spec)) {
      bindScheduler({
        fn, group: this.scheduling.oneOffGroup, startRole: this.scheduling.startCycleRole, deadLetterQueue: this.scheduling.deadLetterQueue,
      });
    }
  }
}

export { WorkflowStack };
export type { WorkflowStackProps };
