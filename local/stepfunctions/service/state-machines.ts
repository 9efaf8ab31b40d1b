// CreateStateMachine, UpdateStateMachine, DescribeStateMachine, ListStateMachines,
// DeleteStateMachine. Every definition is validated as AWS validates it before it is stored.
import { randomUUID } from 'node:crypto';
import { apiErrors } from '../errors.ts';
import type { Clock } from '../clock.ts';
import type { StateMachineRecord, Store } from '../store/types.ts';
import { definitionWarnings, formatProblems, validateDefinition, type DefinitionProblem } from '../validation/index.ts';
import { invalidArnMessage, isValidName, stateMachineArn, stateMachineArnPattern, type Partitioning } from './arns.ts';

const assertValidDefinition = (definition: unknown): string => {
  if (typeof definition !== 'string') throw apiErrors.validation("1 validation error detected: Value null at 'definition' failed to satisfy constraint: Member must not be null");
  const problems = validateDefinition(definition);
  if (problems.length > 0) throw apiErrors.invalidDefinition(formatProblems(problems));
  // AWS accepts a definition with warnings; the runtime says so on its console.
  for (const warning of definitionWarnings(definition)) console.warn(`State machine definition warning: ${warning.code}: ${warning.message} at ${warning.path}`);
  return definition;
};

const diagnostic = (severity: 'ERROR' | 'WARNING') => ({ code, message, path }: DefinitionProblem) => ({ severity, code, message, location: path });

class StateMachineService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly partitioning: Partitioning,
  ) {}

  async create(request: { name?: unknown; definition?: unknown; roleArn?: unknown; type?: unknown }) {
    if (!isValidName(request.name)) throw apiErrors.invalidName(`Invalid Name: '${String(request.name)}'`);
    if (request.type !== undefined && request.type !== 'STANDARD') {
      throw apiErrors.validation(`This local runtime runs STANDARD state machines only; '${String(request.type)}' is not supported`);
    }
    const definition = assertValidDefinition(request.definition);
    const arn = stateMachineArn(this.partitioning, request.name);
    const record: StateMachineRecord = {
      arn,
      name: request.name,
      definition,
      roleArn: typeof request.roleArn === 'string' ? request.roleArn : '',
      type: 'STANDARD',
      creationDate: this.clock.now(),
      revisionId: randomUUID(),
    };
    const existing = await this.store.createStateMachine(record);
    // AWS: CreateStateMachine is idempotent for identical definition and role.
    if (existing) {
      if (existing.definition !== record.definition || existing.roleArn !== record.roleArn) throw apiErrors.stateMachineAlreadyExists(arn);
      return { stateMachineArn: arn, creationDate: existing.creationDate / 1000 };
    }
    return { stateMachineArn: arn, creationDate: record.creationDate / 1000 };
  }

  async update(request: { stateMachineArn?: unknown; definition?: unknown; roleArn?: unknown }) {
    const record = await this.get(request.stateMachineArn);
    const definition = request.definition === undefined ? record.definition : assertValidDefinition(request.definition);
    const updated: StateMachineRecord = {
      ...record,
      definition,
      roleArn: typeof request.roleArn === 'string' ? request.roleArn : record.roleArn,
      updateDate: this.clock.now(),
      revisionId: randomUUID(),
    };
    await this.store.putStateMachine(updated);
    return { updateDate: (updated.updateDate as number) / 1000, revisionId: updated.revisionId };
  }

  /** ValidateStateMachineDefinition: errors fail the definition, warnings do not. */
  async validate(request: { definition?: unknown }) {
    if (typeof request.definition !== 'string') throw apiErrors.validation("1 validation error detected: Value null at 'definition' failed to satisfy constraint: Member must not be null");
    const errors = validateDefinition(request.definition);
    const warnings = errors.length > 0 ? [] : definitionWarnings(request.definition);
    return {
      result: errors.length > 0 ? 'FAIL' : 'OK',
      diagnostics: [...errors.map(diagnostic('ERROR')), ...warnings.map(diagnostic('WARNING'))],
      truncated: false,
    };
  }

  async describe(request: { stateMachineArn?: unknown }) {
    const record = await this.get(request.stateMachineArn);
    return {
      stateMachineArn: record.arn,
      name: record.name,
      status: 'ACTIVE',
      definition: record.definition,
      roleArn: record.roleArn,
      type: record.type,
      creationDate: record.creationDate / 1000,
      revisionId: record.revisionId,
      loggingConfiguration: { level: 'OFF', includeExecutionData: false },
      tracingConfiguration: { enabled: false },
    };
  }

  async list() {
    const records = await this.store.listStateMachines();
    return {
      stateMachines: records
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((record) => ({ stateMachineArn: record.arn, name: record.name, type: record.type, creationDate: record.creationDate / 1000 })),
    };
  }

  async delete(request: { stateMachineArn?: unknown }) {
    const arn = this.assertArn(request.stateMachineArn);
    await this.store.deleteStateMachine(arn);
    return {};
  }

  async get(arn: unknown): Promise<StateMachineRecord> {
    const record = await this.store.getStateMachine(this.assertArn(arn));
    if (!record) throw apiErrors.stateMachineDoesNotExist(String(arn));
    return record;
  }

  private assertArn(arn: unknown): string {
    if (typeof arn !== 'string' || !stateMachineArnPattern.test(arn)) throw apiErrors.invalidArn(invalidArnMessage(arn));
    return arn;
  }
}

export { StateMachineService };
