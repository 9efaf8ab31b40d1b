// Workflow variables (Assign). The top level of a state machine is one scope; each Parallel
// branch and Map iteration gets a scope of its own that reads outer scopes but writes only
// to itself, so branches never see each other's values (AWS: "Variable scope").
import type { Json } from '../jsonata.ts';

class VariableScope {
  private readonly values = new Map<string, Json>();
  private version = 0;
  // visible() is read by every evaluation and changes only on assign: kept until then.
  private cached?: { version: number; parentVersion: number; view: Readonly<Record<string, Json>> };

  constructor(private readonly parent?: VariableScope) {}

  child(): VariableScope {
    return new VariableScope(this);
  }

  /** Changes whenever this scope or an outer one is assigned to. */
  private get stamp(): number {
    return this.version + (this.parent?.stamp ?? 0);
  }

  /** Every visible variable, inner values shadowing outer ones. Read-only: it is shared. */
  visible(): Readonly<Record<string, Json>> {
    const parentVersion = this.parent?.stamp ?? 0;
    if (this.cached?.version !== this.version || this.cached.parentVersion !== parentVersion) {
      const view = Object.freeze({ ...(this.parent ? this.parent.visible() : {}), ...Object.fromEntries(this.values) });
      this.cached = { version: this.version, parentVersion, view };
    }
    return this.cached.view;
  }

  /** New values take effect together, after the whole Assign block was evaluated. */
  assign(values: Record<string, Json>): void {
    for (const [name, value] of Object.entries(values)) this.values.set(name, value);
    this.version += 1;
  }
}

export { VariableScope };
