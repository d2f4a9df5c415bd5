/**
 * The expected-findings file the generator writes next to each snapshot: the planted chains
 * and the findings each must produce, keyed the way findings are (entry node, entry point,
 * target node, impact class). Tests and the bench read it back to check what analysis found.
 */
import { readFileSync } from 'node:fs';

export const EXPECTED_SCHEMA = 'blastpath.planted-chains/v1';

/** The kinds of chains the generator plants, one of each per snapshot. */
export const CHAIN_KINDS = [
  'public-url-pass-role',
  'oidc-update-function-code',
  'leaked-key-create-access-key',
  'credential-in-model-config',
  'vendor-presigned-notebook',
  'public-model-bucket',
] as const;
export type ChainKind = (typeof CHAIN_KINDS)[number];

/** One finding a planted chain must produce. */
export interface ExpectedFinding {
  entry: string;
  entryPoint: string;
  target: string;
  impact: string;
}

/** A planted chain. */
export interface PlantedChain {
  id: string;
  kind: ChainKind;
  title: string;
  /** Accounts the chain's pieces live in. */
  accounts: string[];
  findings: ExpectedFinding[];
}

/** The whole file. */
export interface ExpectedFile {
  schema: typeof EXPECTED_SCHEMA;
  seed: string;
  roles: number;
  accounts: number;
  resources: number;
  chains: PlantedChain[];
}

/** `org.json` -> `org.expected.json` (also for `.json.gz`); other names get `.expected.json` appended. */
export function expectedPath(snapshotPath: string): string {
  const stem = snapshotPath.replace(/\.json(\.gz)?$/, '');
  return `${stem}.expected.json`;
}

/** The key findings are compared by: `entry entryPoint target impact`. */
export function findingKey(f: ExpectedFinding): string {
  return `${f.entry} ${f.entryPoint} ${f.target} ${f.impact}`;
}

/** Reads an expected-findings file written by the generator. */
export function readExpected(path: string): ExpectedFile {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as ExpectedFile;
  if (parsed.schema !== EXPECTED_SCHEMA) throw new Error(`${path}: expected schema ${EXPECTED_SCHEMA}, found ${String(parsed.schema)}`);
  return parsed;
}
