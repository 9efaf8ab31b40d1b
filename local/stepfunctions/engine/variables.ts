// Workflow variables (Assign). The top level of a state machine is one scope; each Parallel
// branch and Map iteration gets a scope of its own that reads outer scopes but writes only
// to itself, so branches never see each other's values (AWS: "Variable scope").
import type { Json } from '../jsonata.ts';

class VariableScope {
  private readonly values = new Map<string, Json>();

  constructor(private readonly parent?: VariableScope) {}

  child(): VariableScope {
    return new VariableScope(this);
  }

  /** Every visible variable, inner values shadowing outer ones. */
  visible(): Record<string, Json> {
    const outer = this.parent ? this.parent.visible() : {};
    return Object.assign(outer, Object.fromEntries(this.values));
  }

  /** New values take effect together, after the whole Assign block was evaluated. */
  assign(values: Record<string, Json>): void {
    for (const [name, value] of Object.entries(values)) this.values.set(name, value);
  }
}

export { VariableScope };
