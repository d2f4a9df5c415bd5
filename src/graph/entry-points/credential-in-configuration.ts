/**
 * Workloads whose configuration holds an active access key: whoever reads the configuration (or
 * makes the code leak it) holds the key. The holds-credential edge itself is configuration
 * (configuration.ts); this detector makes the workload an entry.
 */
import { heldKeys } from '../configuration.js';
import { detection, type Detector } from './detector.js';

/** The workloads' entries; no outsider node: the entry is the workload. */
export const credentialInConfiguration: Detector = (scope, rule) => {
  const found = detection(scope);
  for (const credential of heldKeys(scope.facts)) found.entries.push({ node: credential.resourceArn, entryPoint: rule.id });
  return found;
};
