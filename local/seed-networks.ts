// Loads the example networks (examples/networks/*) into the table at local start-up, so a fresh
// machine can enrol services straight away. Same write as an import: network + audit event.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadNetwork } from '#core/load-network';

const examplesDir = fileURLToPath(new URL('../examples/networks/', import.meta.url));

const seedExampleNetworks = async (at: Date, committeeEmail: (networkId: string) => string): Promise<string[]> => {
  // Imported late: the handlers' commons read their environment at module load.
  const { saveNetwork } = await import('#commons/helpers/networks');
  const { getNetwork } = await import('#commons/helpers/records');
  const dirs = readdirSync(examplesDir, { withFileTypes: true }).filter((entry) => entry.isDirectory());
  const ids: string[] = [];
  for (const dir of dirs) {
    const { config } = loadNetwork(join(examplesDir, dir.name));
    ids.push(config.id);
    // Loaded once: a restart keeps whatever staff imported since, and adds no audit noise.
    if (await getNetwork(config.id)) continue;
    await saveNetwork({ networkId: config.id, name: config.name, committeeEmail: committeeEmail(config.id), config }, at, 'local-start-up');
  }
  return ids;
};

export { seedExampleNetworks };
