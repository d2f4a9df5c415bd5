/**
 * Workloads whose configuration holds a credential (an active access key, a model provider's
 * key, a password or token): whoever reads the configuration (or makes the code leak it) holds
 * the credential. The holds-credential edge itself is configuration (configuration.ts); this
 * detector makes the workload an entry.
 */
import { heldCredentials } from '../configuration.js';
import { detection, type Detector } from './detector.js';

/**
 * The workloads' entries; no outsider node: the entry is the workload, and its paths start with
 * the holds-credential hop to the key's user. Whoever reads the configuration holds the key, not
 * the workload's role: that role is reached only by entries that run code in the workload.
 */
export const credentialInConfiguration: Detector = (scope, rule) => {
  const found = detection(scope);
  // One entry per workload, however many credentials its configuration holds.
  const holders = new Set(heldCredentials(scope.facts).map((credential) => credential.resourceArn));
  for (const node of holders) found.entries.push({ node, entryPoint: rule.id, firstHop: 'holds-credential' });
  return found;
};
