// A network's configuration file (network.yaml or network.json) read from its text: every
// problem located at its line and column (src/config-document.ts), checked against the schema
// in src/network-config.ts.
import { parseConfigDocument } from './config-document.ts';
import { NetworkConfigError } from './errors.ts';
import { type NetworkConfig, type NetworkLoadChecks, networkConfigSchemaFor } from './network-config.ts';

/** Pure: parses YAML or JSON text (JSON is YAML 1.2) and validates it. Throws NetworkConfigError with every issue. */
const parseNetworkConfig = (text: string, fileName: string, checks: NetworkLoadChecks = {}): NetworkConfig => {
  const result = parseConfigDocument(text, fileName, networkConfigSchemaFor(checks));
  if (!result.ok) throw new NetworkConfigError(result.issues);
  return result.value;
};

export { parseNetworkConfig };
