/**
 * EKS facts: clusters with their OIDC issuer (IRSA), API endpoint exposure, authentication mode,
 * access entries and their access policies, Pod Identity associations, managed node groups with
 * their node role and metadata options, and the EC2 instances tagged as the cluster's nodes.
 * Lists the collector could not read stay absent: "not collected" never reads as "none".
 */
import type { AccountData, EksCluster as RawCluster } from '../../snapshot/index.js';
import { nodeIds } from '../schema.js';
import type { Ec2Facts, Instance } from './ec2.js';
import { metadataOptions, type MetadataOptions } from './imds.js';
import type { RegionalReader } from './regional.js';
import { configuration, type Place } from './types.js';

/** An access policy associated with an access entry, and where it applies. */
export interface AccessPolicy {
  policyArn: string;
  /** `cluster`, or `namespace` with the namespaces it covers. */
  scope: string;
  namespaces: string[];
}

/** An IAM principal's access entry, with the field path it was read from. */
export interface AccessEntry {
  principalArn: string;
  type?: string;
  kubernetesGroups: string[];
  policies: AccessPolicy[];
  field: string;
}

/** A Pod Identity association: pods of this service account get the role. */
export interface PodIdentityAssociation {
  namespace: string;
  serviceAccount: string;
  roleArn: string;
  field: string;
}

/** A managed node group: its instances run as the node role. */
export interface Nodegroup {
  name: string;
  role?: string;
  /** Metadata options of the launch template version it uses, when it has one and it was read. */
  metadata?: MetadataOptions;
  field: string;
}

/** One cluster as the Kubernetes steps read it. */
export interface EksCluster extends Place {
  arn: string;
  name: string;
  /** The OIDC issuer without its scheme, lower case: `oidc.eks.<region>.amazonaws.com/id/<id>`. */
  issuer?: string;
  endpointPublic?: boolean;
  endpointPrivate?: boolean;
  publicAccessCidrs: string[];
  authenticationMode?: string;
  accessEntries?: AccessEntry[];
  podIdentity?: PodIdentityAssociation[];
  nodegroups?: Nodegroup[];
  /** EC2 instances tagged as this cluster's nodes (managed node groups and self-managed nodes). */
  nodes: Instance[];
}

const EKS_ISSUER = /^oidc\.eks\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/id\/[0-9a-z]+$/;

/** An OIDC issuer or provider host in the form IAM keys use, lower case, without `https://`. */
export function issuerHost(issuer: string): string {
  return issuer.replace(/^https:\/\//i, '').replace(/\/+$/, '').toLowerCase();
}

/** True for the issuer of an EKS cluster's service account tokens (IRSA). */
export function isEksIssuer(host: string): boolean {
  return EKS_ISSUER.test(host.toLowerCase());
}

function accessEntries(raw: RawCluster): AccessEntry[] | undefined {
  return raw.AccessEntries?.map((entry, i) => ({
    principalArn: entry.principalArn,
    ...(entry.type ? { type: entry.type } : {}),
    kubernetesGroups: entry.kubernetesGroups ?? [],
    policies: (entry.AssociatedAccessPolicies ?? []).map((p) => ({ policyArn: p.policyArn, scope: p.accessScope?.type ?? 'cluster', namespaces: p.accessScope?.namespaces ?? [] })),
    field: `AccessEntries[${i}]`,
  }));
}

function nodegroups(raw: RawCluster): Nodegroup[] | undefined {
  return raw.Nodegroups?.map((group, i) => {
    const field = `Nodegroups[${i}]`;
    // The collector reads the one version the group uses.
    const version = group.LaunchTemplateVersions?.[0];
    const metadata = version ? metadataOptions(version.MetadataOptions, { resource: raw.arn, field: `${field}.LaunchTemplateVersions[0].MetadataOptions` }) : undefined;
    return { name: group.nodegroupName, ...(group.nodeRole ? { role: group.nodeRole } : {}), ...(metadata ? { metadata } : {}), field };
  });
}

/** Clusters of every account and region, and which cluster issued each OIDC issuer. */
export class EksFacts {
  readonly clusters: EksCluster[] = [];
  private readonly issuers = new Map<string, EksCluster>();

  /** Reads one account's clusters; `ec2` holds the instances already read. */
  read(account: AccountData, ec2: Ec2Facts): void {
    for (const [region, data] of Object.entries(account.regions)) {
      const at: Place = { accountId: account.accountId, partition: account.partition, region };
      for (const raw of data.EKS?.Clusters ?? []) {
        const vpc = raw.resourcesVpcConfig;
        const issuer = raw.identity?.oidc?.issuer ? issuerHost(raw.identity.oidc.issuer) : undefined;
        const entries = accessEntries(raw);
        const groups = nodegroups(raw);
        const cluster: EksCluster = {
          accountId: at.accountId,
          partition: at.partition,
          region: at.region,
          arn: raw.arn,
          name: raw.name,
          ...(issuer ? { issuer } : {}),
          ...(vpc?.endpointPublicAccess !== undefined ? { endpointPublic: vpc.endpointPublicAccess } : {}),
          ...(vpc?.endpointPrivateAccess !== undefined ? { endpointPrivate: vpc.endpointPrivateAccess } : {}),
          publicAccessCidrs: vpc?.publicAccessCidrs ?? [],
          ...(raw.accessConfig?.authenticationMode ? { authenticationMode: raw.accessConfig.authenticationMode } : {}),
          ...(entries ? { accessEntries: entries } : {}),
          ...(raw.PodIdentityAssociations ? { podIdentity: raw.PodIdentityAssociations.map((a, i) => ({ namespace: a.namespace, serviceAccount: a.serviceAccount, roleArn: a.roleArn, field: `PodIdentityAssociations[${i}]` })) } : {}),
          ...(groups ? { nodegroups: groups } : {}),
          nodes: ec2.nodesOf(at, raw.name),
        };
        this.clusters.push(cluster);
        if (issuer && !this.issuers.has(issuer)) this.issuers.set(issuer, cluster);
      }
    }
  }

  /** The cluster whose service account tokens this issuer signs, when it is in the snapshot. */
  byIssuer(host: string): EksCluster | undefined {
    return this.issuers.get(host.toLowerCase());
  }
}

/** The EKS reader: clusters as workloads techniques act on; taking one over makes the caller its admin. */
export const eks: RegionalReader = {
  workloads: (data, at) =>
    (data.EKS?.Clusters ?? []).map((cluster) => ({
      arn: cluster.arn,
      kind: 'eks-cluster',
      name: cluster.name,
      ...at,
      node: nodeIds.clusterAdmin(cluster.arn),
      ...(cluster.accessConfig?.authenticationMode ? { authMode: cluster.accessConfig.authenticationMode } : {}),
      evidence: [configuration(cluster.arn, 'accessConfig.authenticationMode')],
    })),
};
