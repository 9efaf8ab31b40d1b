// Errors raised while building the stacks. Each fails `cdk synth` with a message that says
// what to fix, rather than letting a broken template reach CloudFormation.

class ConfigurationError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ConfigurationError';
  }
}

class MissingHandlerError extends Error {
  readonly functionName: string;
  constructor(functionName: string, entry: string, options?: ErrorOptions) {
    super(`Catalogue entry "${functionName}" has no handler at ${entry}`, options);
    this.name = 'MissingHandlerError';
    this.functionName = functionName;
  }
}

class AslSubstitutionError extends Error {
  readonly file: string;
  readonly missingKeys: readonly string[];
  constructor(file: string, missingKeys: readonly string[], options?: ErrorOptions) {
    super(`${file} uses substitutions the stack does not provide: ${missingKeys.join(', ')}`, options);
    this.name = 'AslSubstitutionError';
    this.file = file;
    this.missingKeys = missingKeys;
  }
}

class EmailTemplateError extends Error {
  readonly file: string;
  constructor(file: string, message: string, options?: ErrorOptions) {
    super(`${file}: ${message}`, options);
    this.name = 'EmailTemplateError';
    this.file = file;
  }
}

export { ConfigurationError, MissingHandlerError, AslSubstitutionError, EmailTemplateError };
