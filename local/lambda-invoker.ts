// Calls the project's handlers in-process for the local Step Functions runtime, as Lambda would:
// the payload and the result cross a JSON boundary, and a thrown error's `name` is the errorType.
import { functionCatalogue } from '#contracts/function-catalogue';
import { inInvocation } from './invocation-scope.ts';
import { lambdaContext } from './lambda-context.ts';

type Handler = (event: unknown, context: ReturnType<typeof lambdaContext>) => Promise<unknown>;

class UnknownFunctionError extends Error {
  constructor(functionName: string, options?: ErrorOptions) {
    super(`No function ${functionName} in contracts/function-catalogue.ts`, options);
    // What Lambda answers for a function that does not exist.
    this.name = 'Lambda.ResourceNotFoundException';
  }
}

/** Imports every catalogue handler; call only once the handlers' environment is set. */
const loadHandlers = async (): Promise<Map<string, Handler>> => {
  const entries = await Promise.all(
    functionCatalogue.map(async (spec) => {
      const module = (await import(`../functions/${spec.name}/handler.ts`)) as { handler: Handler };
      return [spec.name, module.handler] as const;
    }),
  );
  return new Map(entries);
};

/** `arn:aws:lambda:<region>:<account>:function:<name>[:qualifier]` or a bare name. */
const functionNameOf = (functionNameOrArn: string): string => {
  const parts = functionNameOrArn.split(':');
  return parts.length >= 7 ? parts[6] : functionNameOrArn;
};

const createLambdaInvoker = (handlers: Map<string, Handler>) => async (functionNameOrArn: string, payload: unknown) => {
  const name = functionNameOf(functionNameOrArn);
  const handler = handlers.get(name);
  if (!handler) throw new UnknownFunctionError(name);
  const event = JSON.parse(JSON.stringify(payload ?? {})) as unknown;
  const result = await inInvocation(name, event, () => handler(event, lambdaContext(name)));
  return result === undefined ? null : JSON.parse(JSON.stringify(result));
};

export { createLambdaInvoker, functionNameOf, loadHandlers };
export type { Handler };
