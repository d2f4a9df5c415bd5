/**
 * The contract of a regional service's facts module: what it reads from one region of one
 * account. Each part is optional; facts/index.ts calls every registered module, region by region.
 */
import type { CompiledPolicy, PolicyDocumentInput, PolicyPool } from '../../iam/index.js';
import { compilePolicy } from '../../iam/index.js';
import type { RegionData } from '../../snapshot/index.js';
import type { Place, Principal, Resource, S3Location, Workload } from './types.js';

/** Facts about other services a workload reader links to. */
export interface Links {
  principalsByArn: ReadonlyMap<string, Principal>;
  /** Instance profile ARN -> the role in it. */
  profileRoles: ReadonlyMap<string, string>;
  /** The accounts of the snapshot (each has an account-admin node). */
  accountIds: ReadonlySet<string>;
}

/** What one service's facts module reads from one region of one account. */
export interface RegionalReader {
  /** Resources and workloads that get a graph node; `policies`: the build's pool for resource policies. */
  resources?(data: RegionData, at: Place, policies?: PolicyPool): Resource[];
  /** Workloads without a node of their own: taking one over leads to the role it runs as. */
  workloads?(data: RegionData, at: Place, links: Links): Workload[];
  /** S3 locations the service's workloads consume. */
  locations?(data: RegionData, at: Place): S3Location[];
  /**
   * Fields of the section that are collected but that no reader, step or rule analyzes, and
   * why: reports list them as collected, not analyzed, whenever a snapshot holds any.
   */
  notRead?: Readonly<Record<string, string>>;
}

/** A resource policy compiled under the id every report uses, or nothing when there is none. */
export function resourcePolicy(arn: string, document: unknown, policies?: PolicyPool): { policy?: CompiledPolicy } {
  return document ? { policy: compilePolicy(document as PolicyDocumentInput, { kind: 'resource', id: `${arn}#resource-policy` }, policies) } : {};
}
