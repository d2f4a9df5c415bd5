/**
 * Workloads whose configuration holds an active access key: whoever reads the configuration (or
 * makes the code leak it) holds the key. The holds-credential edge itself is configuration
 * (configuration.ts); this detector makes the workload an entry.
 */
import { heldKeys } from '../configuration.js';
import { detection, type Detector } from './detector.js';

/**
 * The workloads' entries; no outsider node: the entry is the workload, and its paths start with
 * the holds-credential hop to the key's user. Whoever reads the configuration holds the key, not
 * the workload's role: that role is reached only by entries that run code in the workload.
 */
export const credentialInConfiguration: Detector = (scope, rule) => {
  const found = detection(scope);
  for (const credential of heldKeys(scope.facts)) found.entries.push({ node: credential.resourceArn, entryPoint: rule.id, via: 'holds-credential' });
  return found;
};
