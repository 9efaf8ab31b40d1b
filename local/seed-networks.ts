// Loads the example networks (examples/networks/*) into the table at local start-up, so a fresh
// machine can walk a whole cycle straight away: the network, its standards (the version its
// configuration declares) and, where the folder has a reviewers.json, an example reviewer pool.
// Same writes as a staff load (PUT /networks/{networkId}): each with its audit event.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addDays } from '#core/iso-date';
import { loadNetwork } from '#core/load-network';
import { ukDateOf } from '#core/uk-time';

const examplesDir = fileURLToPath(new URL('../examples/networks/', import.meta.url));

// Example reviewers are free for the next two years, one range as a coordinator would enter it
// (visit dates are working days already): enough to allocate any visit a walked-through cycle asks for.
const exampleAvailabilityDays = 730;

const seedExampleNetworks = async (at: Date, committeeEmail: (networkId: string) => string): Promise<string[]> => {
  // Imported late: the handlers' commons read their environment at module load.
  const { loadNetworkVersion } = await import('#commons/helpers/networks');
  const { getNetwork } = await import('#commons/helpers/records');
  const { saveReviewers } = await import('#commons/data/reviewer-pool');
  const { reviewerImportSchema } = await import('#commons/schemas/requests');
  const dirs = readdirSync(examplesDir, { withFileTypes: true }).filter((entry) => entry.isDirectory());
  const ids: string[] = [];
  for (const dir of dirs) {
    const networkDir = join(examplesDir, dir.name);
    const { config, standards } = loadNetwork(networkDir);
    ids.push(config.id);
    // Loaded once: a restart keeps whatever staff imported since, and adds no audit noise.
    if (await getNetwork(config.id)) continue;
    await loadNetworkVersion(
      {
        networkId: config.id,
        name: config.name,
        committeeEmail: config.contacts?.committee ?? committeeEmail(config.id),
        ...(config.contacts?.staff && { staffEmail: config.contacts.staff }),
        config,
        standards,
      },
      at,
      'local-start-up',
    );
    const reviewersFile = join(networkDir, 'reviewers.json');
    if (!existsSync(reviewersFile)) continue;
    const from = ukDateOf(at);
    const available = [{ from, to: addDays(from, exampleAvailabilityDays - 1) }];
    const listed = (JSON.parse(readFileSync(reviewersFile, 'utf8')) as { reviewers: Record<string, unknown>[] }).reviewers;
    const { reviewers } = reviewerImportSchema.parse({ reviewers: listed.map((reviewer) => ('availableOn' in reviewer || 'available' in reviewer ? reviewer : { available, ...reviewer })) });
    await saveReviewers(config.id, reviewers, at, 'local-start-up');
  }
  return ids;
};

export { seedExampleNetworks };
