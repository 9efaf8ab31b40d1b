// The properties of the ASL that carry behaviour, checked on the file both AWS and the local runtime run.
import '../../support/function-env.ts';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { functionCatalogue } from '#contracts/function-catalogue';
import { EmailTemplate } from '#core/email-templates';
import { loadEmailTemplates } from '../../../emails/templates.ts';
import {
  accreditationCycleDefinitionPath,
  buildDefinitionSubstitutions,
  localFunctionArn,
  readAccreditationCycleDefinition,
} from '../../../statemachines/substitutions.ts';

interface State {
  Type: string;
  Next?: string;
  Resource?: string;
  TimeoutSeconds?: unknown;
  Retry?: { ErrorEquals: string[] }[];
  Catch?: { ErrorEquals: string[]; Next: string }[];
}
const definition = JSON.parse(readFileSync(accreditationCycleDefinitionPath, 'utf8')) as {
  QueryLanguage: string;
  StartAt: string;
  States: Record<string, State>;
};
const states = Object.entries(definition.States);
const callbackStates = states.filter(([, state]) => state.Resource?.endsWith('.waitForTaskToken'));
const lambdaStates = states.filter(([, state]) => state.Resource?.startsWith('arn:aws:states:::lambda:invoke'));

describe('State machine: accreditation-cycle', () => {
  it('uses JSONata and starts by setting the variables in a Pass, then the resumeAt choice', () => {
    // Prepare
    const first = definition.States[definition.StartAt];
    // Assess
    expect(definition.QueryLanguage).toBe('JSONata');
    expect(first.Type).toBe('Pass');
    expect(definition.States[first.Next as string]?.Type).toBe('Choice');
  });

  it.each(callbackStates.map(([name, state]) => ({ name, state })))('callback $name has a deadline timeout and an overdue path', ({ state }) => {
    // Assess
    expect(String(state.TimeoutSeconds)).toMatch(/^\{%.*\$toMillis.*%\}$/);
    expect(state.Catch?.some((rule) => rule.ErrorEquals.includes('States.Timeout'))).toBe(true);
  });

  it.each(lambdaStates.map(([name, state]) => ({ name, state })))('Lambda task $name retries the transient Lambda errors', ({ state }) => {
    // Assess
    expect(state.Retry?.[0].ErrorEquals).toEqual(
      expect.arrayContaining(['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.TooManyRequestsException']),
    );
  });

  it.each(['Accredited', 'NotAccredited', 'ReportIssued', 'Withdrawn', 'Superseded', 'ContinuedInNewExecution'])('ends an outcome in its own Succeed state %s', (name) => {
    // Assess
    expect(definition.States[name]?.Type).toBe('Succeed');
  });

  it('has a substitution for every ${...} in the definition, from the function catalogue', () => {
    // Prepare
    const substitutions = buildDefinitionSubstitutions((spec) => localFunctionArn(spec));

    // Act
    const substituted = readAccreditationCycleDefinition(substitutions);

    // Assess
    expect(substituted).not.toMatch(/\$\{/);
    for (const spec of functionCatalogue.filter((candidate) => 'substitutionKey' in candidate)) {
      expect(substituted).toContain(localFunctionArn(spec));
    }
  });
});

describe('Email templates', () => {
  it.each(Object.values(EmailTemplate))('template %s has a source file with every part', (name) => {
    // Act
    const source = loadEmailTemplates().find((template) => template.TemplateName === name);

    // Assess
    expect(source?.SubjectPart).toBeTruthy();
    expect(source?.HtmlPart).toBeTruthy();
    expect(source?.TextPart).toBeTruthy();
  });
});
