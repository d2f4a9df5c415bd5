/**
 * Kubernetes on EKS in the graph: IRSA trusts decided claim by claim (which ones make "code
 * running in cluster X" an entry, with what scope), Pod Identity associations, node roles
 * reachable from pods, and the cluster admin (access entries in, every bound role out).
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze/index.js';
import { loadRules } from '../../src/rules/index.js';
import { A, R, allow, build, doc, edgeAttrs, edgeLines, role, roleArn, secret, secretArn, trustService, type Json } from './runtime-snapshots.js';

const rules = loadRules();
const CLUSTER = `arn:aws:eks:${R}:${A}:cluster/inference`;
const ISSUER = `oidc.eks.${R}.amazonaws.com/id/5C1A2B3D4E5F60718293A4B5C6D7E8F9`;
const PROVIDER = `arn:aws:iam::${A}:oidc-provider/${ISSUER}`;
const GITHUB = `arn:aws:iam::${A}:oidc-provider/token.actions.githubusercontent.com`;
const readSecret = doc(allow('secretsmanager:GetSecretValue', '*'));

const irsa = (condition: Json) => doc({ Effect: 'Allow', Principal: { Federated: PROVIDER }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: condition });
const cluster = (extra: Json = {}) => ({
  name: 'inference',
  arn: CLUSTER,
  resourcesVpcConfig: { endpointPublicAccess: true, publicAccessCidrs: ['0.0.0.0/0'] },
  identity: { oidc: { issuer: `https://${ISSUER}` } },
  accessConfig: { authenticationMode: 'API' },
  ...extra,
});
const eks = (extra: Json = {}) => ({ EKS: { Clusters: [cluster(extra)] }, SecretsManager: { SecretList: [secret('prod/model-key')] } });
const metadata = (HttpTokens: string, HttpPutResponseHopLimit: number) => ({ HttpTokens, HttpPutResponseHopLimit, HttpEndpoint: 'enabled' });

describe('IRSA trusts on a cluster issuer, claim by claim', () => {
  const cases: Array<{ name: string; condition: Json; entry?: string; admin?: string }> = [
    { name: 'only aud pinned: any pod', condition: { StringEquals: { [`${ISSUER}:aud`]: 'sts.amazonaws.com' } }, entry: 'any service account in any namespace', admin: 'any service account in any namespace' },
    { name: 'wildcard sub', condition: { StringLike: { [`${ISSUER}:sub`]: 'system:serviceaccount:*' } }, entry: 'any service account in any namespace', admin: 'any service account in any namespace' },
    { name: 'namespace-wide pattern', condition: { StringLike: { [`${ISSUER}:sub`]: 'system:serviceaccount:ml:*' } }, entry: 'any service account in namespace ml', admin: 'any service account in namespace ml' },
    { name: "a namespace's default service account", condition: { StringEquals: { [`${ISSUER}:sub`]: 'system:serviceaccount:ml:default' } }, entry: 'any service account in namespace ml', admin: 'any service account in namespace ml' },
    { name: 'pinned to one service account: no entry, the admin still reaches it', condition: { StringEquals: { [`${ISSUER}:sub`]: 'system:serviceaccount:ml:model-server', [`${ISSUER}:aud`]: 'sts.amazonaws.com' } }, admin: 'service account ml/model-server' },
    { name: 'an audience no pod token carries: nothing', condition: { StringEquals: { [`${ISSUER}:aud`]: 'vault' } } },
  ];
  it.each(cases)('$name', ({ condition, entry, admin }) => {
    const built = build({ roles: [role('model-reader', { trust: irsa(condition), policy: readSecret })] }, eks());
    const hop = edgeAttrs(built, 'code running in cluster inference', 'model-reader', 'can-assume');
    expect(hop?.detail?.['serviceAccounts']).toBe(entry);
    expect(hop?.entryPoint).toBe(entry ? 'eks-irsa-any-service-account' : undefined);
    expect(edgeAttrs(built, 'inference cluster admin', 'model-reader', 'can-assume')?.detail?.['serviceAccounts']).toBe(admin);
    // A namespace is fewer doors than the whole cluster.
    expect(hop?.exposure).toBe(entry?.includes('namespace ml') ? 'code-in-namespace' : undefined);
    // Never an internet entry through the generic OIDC detector.
    expect(built.entries.filter((e) => e.entryPoint === 'oidc-trust-without-subject')).toEqual([]);
  });

  it('an issuer whose cluster is not in the snapshot still starts from code in that cluster, named by its provider', () => {
    const built = build({ roles: [role('model-reader', { trust: irsa({ StringEquals: { [`${ISSUER}:aud`]: 'sts.amazonaws.com' } }), policy: readSecret })] }, {});
    expect(built.entries).toEqual([{ node: PROVIDER, entryPoint: 'eks-irsa-any-service-account' }]);
    expect(built.graph.getNodeAttributes(PROVIDER)).toMatchObject({ kind: 'eks-cluster', label: 'code running in the EKS cluster of issuer 5c1a2b3d4e5f60718293a4b5c6d7e8f9 (not in the snapshot)' });
  });

  it('ranks an aud-only IRSA trust below an unpinned GitHub trust to the same secret, and reads as code in the cluster with its scope', () => {
    const github = doc({ Effect: 'Allow', Principal: { Federated: GITHUB }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } } });
    const built = build(
      { roles: [role('model-reader', { trust: irsa({ StringEquals: { [`${ISSUER}:aud`]: 'sts.amazonaws.com' } }), policy: readSecret }), role('deploy', { trust: github, policy: readSecret })] },
      eks(),
    );
    const findings = analyze(built, rules).findings.filter((f) => f.target.node === secretArn('prod/model-key'));
    expect(findings.map((f) => f.entry.entryPoint)).toEqual(['oidc-trust-without-subject', 'eks-irsa-any-service-account']);
    const [github_, cluster_] = findings;
    expect(cluster_!.score).toBeLessThan(github_!.score);
    expect(cluster_!.entry.label).toBe('code running in cluster inference');
    expect(cluster_!.path.edges[0]!.detail).toMatchObject({ cluster: 'inference', serviceAccounts: 'any service account in any namespace' });
  });
});

describe('Pod Identity associations', () => {
  const association = { namespace: 'ml', serviceAccount: 'trainer', roleArn: roleArn('trainer') };
  const podTrust = (condition?: Json) => doc({ Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'], ...(condition ? { Condition: condition } : {}) });

  it('bind the role to the cluster admin, flagging a trust that tests no tag', () => {
    const built = build({ roles: [role('trainer', { trust: podTrust(), policy: readSecret })] }, eks({ PodIdentityAssociations: [association] }));
    expect(edgeAttrs(built, 'inference cluster admin', 'trainer', 'can-assume')?.detail).toMatchObject({ serviceAccounts: 'service account ml/trainer', via: 'pod-identity', trust: 'any Pod Identity association in the account' });
    // An association pins its service account: no pod of another account gets the role.
    expect(edgeAttrs(built, 'code running in cluster inference', 'trainer', 'can-assume')).toBeUndefined();
  });

  it('a trust scoped to the namespace is not flagged; one scoped to another namespace binds nothing', () => {
    const scoped = build({ roles: [role('trainer', { trust: podTrust({ StringEquals: { 'aws:RequestTag/kubernetes-namespace': 'ml' } }), policy: readSecret })] }, eks({ PodIdentityAssociations: [association] }));
    expect(edgeAttrs(scoped, 'inference cluster admin', 'trainer', 'can-assume')?.detail?.['trust']).toBeUndefined();
    const other = build({ roles: [role('trainer', { trust: podTrust({ StringEquals: { 'aws:RequestTag/kubernetes-namespace': 'batch' } }), policy: readSecret })] }, eks({ PodIdentityAssociations: [association] }));
    expect(edgeAttrs(other, 'inference cluster admin', 'trainer', 'can-assume')).toBeUndefined();
  });
});

describe('node roles', () => {
  const nodeRole = role('node-role', { profile: true, policy: readSecret });
  const group = (MetadataOptions?: Json) => ({
    nodegroupName: 'gpu',
    nodeRole: roleArn('node-role'),
    ...(MetadataOptions ? { launchTemplate: { id: 'lt-1', version: '1' }, LaunchTemplateVersions: [{ LaunchTemplateId: 'lt-1', VersionNumber: 1, MetadataOptions }] } : {}),
  });
  const node = (tags: Record<string, string>, MetadataOptions: Json) => ({
    InstanceId: 'i-0node',
    State: { Name: 'running' },
    IamInstanceProfile: { Arn: `arn:aws:iam::${A}:instance-profile/node-role` },
    MetadataOptions,
    Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
  });
  const lines = (built: ReturnType<typeof build>) => edgeLines(built, (k) => k === 'runs-as');

  it('reach pods with IMDSv2 and a hop limit of 2; not with a hop limit of 1, though the admin still reaches them', () => {
    expect(lines(build({ roles: [nodeRole] }, eks({ Nodegroups: [group(metadata('required', 2))] })))).toEqual([
      'code running in cluster inference > node-role (runs-as:eks-node-role-from-pods)',
      'inference cluster admin > node-role (runs-as)',
    ]);
    expect(lines(build({ roles: [nodeRole] }, eks({ Nodegroups: [group(metadata('required', 1))] })))).toEqual(['inference cluster admin > node-role (runs-as)']);
  });

  it('unknown metadata options give a conditional hop that says so', () => {
    const built = build({ roles: [nodeRole] }, eks({ Nodegroups: [group()] }));
    expect(lines(built)).toContain('code running in cluster inference > node-role (runs-as:eks-node-role-from-pods, conditional)');
    expect(edgeAttrs(built, 'code running in cluster inference', 'node-role', 'runs-as')?.residual?.[0]).toMatch(/metadata options of the nodes not collected/);
  });

  it("the group's own instances decide over its launch template, and self-managed nodes count", () => {
    const managed = build({ roles: [nodeRole] }, { ...eks({ Nodegroups: [group(metadata('required', 1))] }), EC2: { Instances: [node({ 'eks:cluster-name': 'inference', 'eks:nodegroup-name': 'gpu' }, metadata('optional', 1))] } });
    expect(edgeAttrs(managed, 'code running in cluster inference', 'node-role', 'runs-as')?.detail).toMatchObject({ nodegroup: 'gpu', imds: 'v1' });
    const selfManaged = build({ roles: [nodeRole] }, { ...eks(), EC2: { Instances: [node({ 'kubernetes.io/cluster/inference': 'owned' }, metadata('optional', 1))] } });
    expect(edgeAttrs(selfManaged, 'code running in cluster inference', 'node-role', 'runs-as')?.detail).toMatchObject({ instance: 'i-0node', imds: 'v1' });
  });
});

describe('the cluster admin', () => {
  const entry = (policy: string, scope: Json = { type: 'cluster' }) => ({ principalArn: roleArn('platform'), AssociatedAccessPolicies: [{ policyArn: `arn:aws:eks::aws:cluster-access-policy/${policy}`, accessScope: scope }] });
  const platform = role('platform', { trust: trustService('ec2.amazonaws.com') });
  const admins = (extra: Json) => edgeLines(build({ roles: [platform] }, eks(extra)), (k) => k === 'escalation');

  it('is every principal whose access entry creates pods cluster-wide', () => {
    for (const policy of ['AmazonEKSClusterAdminPolicy', 'AmazonEKSAdminPolicy', 'AmazonEKSEditPolicy']) {
      expect(admins({ AccessEntries: [entry(policy)] })).toEqual(['platform > inference cluster admin (escalation:eks-access-entry-cluster-admin)']);
    }
    expect(admins({ AccessEntries: [entry('AmazonEKSViewPolicy')] })).toEqual([]);
    expect(admins({ AccessEntries: [entry('AmazonEKSAdminPolicy', { type: 'namespace', namespaces: ['ml'] })] })).toEqual([]);
    expect(admins({ AccessEntries: [entry('AmazonEKSClusterAdminPolicy')], accessConfig: { authenticationMode: 'CONFIG_MAP' } })).toEqual([]);
  });

  it('holds only if the caller reaches a private API endpoint', () => {
    const built = build({ roles: [platform] }, eks({ AccessEntries: [entry('AmazonEKSClusterAdminPolicy')], resourcesVpcConfig: { endpointPublicAccess: false, endpointPrivateAccess: true } }));
    expect(edgeAttrs(built, 'platform', 'inference cluster admin', 'escalation')?.residual).toEqual(["the API endpoint of inference is private: the caller must reach the cluster's VPC"]);
    expect(built.graph.getNodeAttribute(CLUSTER, 'flags')).toEqual(['api-endpoint-private']);
  });
});
