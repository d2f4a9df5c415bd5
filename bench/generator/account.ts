/**
 * One generated account, assembled piece by piece and written out as snapshot v1's
 * `accounts[]` entry: GetAccountAuthorizationDetails (merged pages) plus ListAccessKeys for
 * IAM, the S3 listing, and regional sections. Archetypes and planted chains call these
 * methods; nothing here decides what an account contains.
 */
import { AWS_MANAGED, type AwsManagedName } from './aws-managed.js';
import { arn, encode, type Document, type Encoding } from './documents.js';
import { managedPolicyList, type CustomerPolicy } from './managed-policies.js';
import { ALPHABETS, token } from './random.js';
import { emptyRegion, type RegionParts } from './resources.js';

/** A role to add. */
export interface RoleSpec {
  name: string;
  path?: string;
  trust: Document;
  inline?: Record<string, Document>;
  /** Managed policy ARNs (AWS or customer). */
  managed?: string[];
  boundary?: string;
  tags?: Record<string, string>;
  description?: string;
  created: string;
}

/** A user to add, with its access keys as ListAccessKeys reports them. */
export interface UserSpec {
  name: string;
  inline?: Record<string, Document>;
  managed?: string[];
  groups?: string[];
  tags?: Record<string, string>;
  keys?: Array<{ id?: string; status: 'Active' | 'Inactive' }>;
  created: string;
}

const tagList = (tags: Record<string, string> | undefined) => Object.entries(tags ?? {}).map(([Key, Value]) => ({ Key, Value }));
const attached = (arns: string[] | undefined) => (arns ?? []).map((a) => ({ PolicyName: a.slice(a.lastIndexOf('/') + 1), PolicyArn: a }));
const byName = <T>(field: keyof T) => (a: T, b: T) => (String(a[field]) < String(b[field]) ? -1 : String(a[field]) > String(b[field]) ? 1 : 0);

/** Builds one account's snapshot section. */
export class AccountBuilder {
  private readonly roles: Array<Record<string, unknown>> = [];
  private readonly users: Array<Record<string, unknown>> = [];
  private readonly groups: Array<Record<string, unknown>> = [];
  private readonly keys: Array<Record<string, unknown>> = [];
  private readonly customer = new Map<string, CustomerPolicy>();
  private readonly oidc = new Map<string, Record<string, unknown>>();
  private readonly saml = new Map<string, Record<string, unknown>>();
  readonly buckets: Array<Record<string, unknown>> = [];
  private readonly regionParts = new Map<string, RegionParts>();
  /** Account-level S3 Block Public Access: on everywhere but where a chain needs it off. */
  restrictPublicBuckets = true;

  constructor(
    readonly id: string,
    readonly alias: string,
    /** How IAM documents are encoded: raw API (url) or AWS CLI (object). */
    private readonly encoding: Encoding,
  ) {}

  get roleCount(): number {
    return this.roles.length;
  }

  /** Resources as the graph counts them (buckets, secrets, keys, functions, SageMaker). */
  get resourceCount(): number {
    let n = this.buckets.length;
    for (const r of this.regionParts.values()) {
      const sm = r.SageMaker;
      n += r.SecretsManager.SecretList.length + r.KMS.Keys.length + r.Lambda.Functions.length;
      n += sm.NotebookInstances.length + sm.Endpoints.length + sm.Models.length + sm.TrainingJobs.length + sm.ProcessingJobs.length + sm.UserProfiles.length;
    }
    return n;
  }

  /** A customer-managed policy; earlier versions (not in force) may be given too. */
  customerPolicy(name: string, document: Document, created: string, previous: Document[] = []): string {
    const policyArn = arn.policy(this.id, name);
    if (!this.customer.has(policyArn)) this.customer.set(policyArn, { name, versions: [...previous, document], created });
    return policyArn;
  }

  /** The ARN of an AWS managed policy from the library. */
  aws(name: AwsManagedName): string {
    return AWS_MANAGED[name].arn;
  }

  oidcProvider(host: string): string {
    const providerArn = arn.oidc(this.id, host);
    this.oidc.set(providerArn, { Arn: providerArn, Url: host, ClientIDList: ['sts.amazonaws.com'], ThumbprintList: [token(`thumb:${host}`, 40, ALPHABETS.hex)] });
    return providerArn;
  }

  samlProvider(name: string): string {
    const providerArn = arn.saml(this.id, name);
    this.saml.set(providerArn, { Arn: providerArn, ValidUntil: '2031-01-01T00:00:00+00:00' });
    return providerArn;
  }

  role(spec: RoleSpec): string {
    const path = spec.path ?? '/';
    const roleArn = arn.role(this.id, spec.name, path);
    this.roles.push({
      Path: path,
      RoleName: spec.name,
      RoleId: `AROA${token(`${this.id}:role:${spec.name}`, 17, ALPHABETS.upperAlnum)}`,
      Arn: roleArn,
      CreateDate: spec.created,
      AssumeRolePolicyDocument: encode(spec.trust, this.encoding),
      ...(spec.description ? { Description: spec.description } : {}),
      MaxSessionDuration: 3600,
      InstanceProfileList: [],
      RolePolicyList: Object.entries(spec.inline ?? {}).map(([PolicyName, d]) => ({ PolicyName, PolicyDocument: encode(d, this.encoding) })),
      AttachedManagedPolicies: attached(spec.managed),
      ...(spec.boundary ? { PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: spec.boundary } } : {}),
      Tags: tagList(spec.tags),
      RoleLastUsed: {},
    });
    return roleArn;
  }

  user(spec: UserSpec): string {
    const userArn = arn.user(this.id, spec.name);
    this.users.push({
      Path: '/',
      UserName: spec.name,
      UserId: `AIDA${token(`${this.id}:user:${spec.name}`, 17, ALPHABETS.upperAlnum)}`,
      Arn: userArn,
      CreateDate: spec.created,
      UserPolicyList: Object.entries(spec.inline ?? {}).map(([PolicyName, d]) => ({ PolicyName, PolicyDocument: encode(d, this.encoding) })),
      GroupList: spec.groups ?? [],
      AttachedManagedPolicies: attached(spec.managed),
      Tags: tagList(spec.tags),
    });
    (spec.keys ?? []).forEach((key, i) => {
      const id = key.id ?? `AKIA${token(`${this.id}:${spec.name}:key${i}`, 16, ALPHABETS.base32)}`;
      this.keys.push({ UserName: spec.name, AccessKeyId: id, Status: key.status, CreateDate: spec.created });
    });
    return userArn;
  }

  group(name: string, managed: string[], inline: Record<string, Document> = {}): string {
    const groupArn = arn.group(this.id, name);
    this.groups.push({
      Path: '/',
      GroupName: name,
      GroupId: `AGPA${token(`${this.id}:group:${name}`, 17, ALPHABETS.upperAlnum)}`,
      Arn: groupArn,
      GroupPolicyList: Object.entries(inline).map(([PolicyName, d]) => ({ PolicyName, PolicyDocument: encode(d, this.encoding) })),
      AttachedManagedPolicies: attached(managed),
    });
    return groupArn;
  }

  /** The regional sections of `region`, created on first use. */
  region(name: string): RegionParts {
    let parts = this.regionParts.get(name);
    if (!parts) this.regionParts.set(name, (parts = emptyRegion()));
    return parts;
  }

  /** The finished `accounts[]` entry. */
  build(): Record<string, unknown> {
    const regions = Object.fromEntries([...this.regionParts.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
    return {
      accountId: this.id,
      partition: 'aws',
      alias: this.alias,
      iam: {
        AuthorizationDetails: {
          UserDetailList: this.users.sort(byName('UserName')),
          GroupDetailList: this.groups.sort(byName('GroupName')),
          RoleDetailList: this.roles.sort(byName('RoleName')),
          Policies: managedPolicyList({ account: this.id, entities: [...this.roles, ...this.users, ...this.groups], customer: this.customer, encoding: this.encoding }),
        },
        AccessKeyMetadata: this.keys.sort(byName('UserName')),
        OpenIDConnectProviders: [...this.oidc.values()],
        SAMLProviders: [...this.saml.values()],
      },
      s3: {
        Buckets: this.buckets.sort(byName('Name')),
        AccountPublicAccessBlock: {
          PublicAccessBlockConfiguration: {
            BlockPublicAcls: this.restrictPublicBuckets,
            IgnorePublicAcls: this.restrictPublicBuckets,
            BlockPublicPolicy: this.restrictPublicBuckets,
            RestrictPublicBuckets: this.restrictPublicBuckets,
          },
        },
      },
      regions,
    };
  }
}
