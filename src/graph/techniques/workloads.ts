/**
 * Workloads techniques act on: functions, notebooks and Studio user profiles from the
 * inventory (they have nodes), plus Studio domains and EC2 instances read from the snapshot
 * (no nodes: an instance leads straight to the role of its instance profile).
 */
import { compareStrings } from '../../core/hash.js';
import type { BuildContext } from '../context.js';
import { configuration, resourceIdOf, type Workload, type WorkloadKind } from './model.js';
import { computeWorkloads, isComputeKind } from './compute-workloads.js';
import { instanceProfileRoles } from './facts.js';

const cache = new WeakMap<BuildContext, Map<WorkloadKind, Workload[]>>();

/** Studio domains by id, with the fields presigned-URL techniques depend on. */
function domains(ctx: BuildContext): Map<string, { arn: string; authMode?: string }> {
  const out = new Map<string, { arn: string; authMode?: string }>();
  for (const account of ctx.input.snapshot.accounts) {
    for (const region of Object.values(account.regions)) {
      for (const d of region.SageMaker?.Domains ?? []) out.set(d.DomainId, { arn: d.DomainArn, ...(d.AuthMode ? { authMode: d.AuthMode } : {}) });
    }
  }
  return out;
}

/** Lifecycle configuration ARNs by `<account>|<region>|<name>`. */
function lifecycleConfigs(ctx: BuildContext): Map<string, string> {
  const out = new Map<string, string>();
  for (const account of ctx.input.snapshot.accounts) {
    for (const [region, data] of Object.entries(account.regions)) {
      for (const config of data.SageMaker?.NotebookInstanceLifecycleConfigs ?? []) {
        const name = config.NotebookInstanceLifecycleConfigName;
        const arn = config.NotebookInstanceLifecycleConfigArn ?? `arn:${account.partition}:sagemaker:${region}:${account.accountId}:notebook-instance-lifecycle-config/${name.toLowerCase()}`;
        out.set(`${account.accountId}|${region}|${name}`, arn);
      }
    }
  }
  return out;
}

type InventoryKind = Extract<WorkloadKind, 'lambda-function' | 'notebook-instance' | 'user-profile' | 'model' | 'training-job' | 'processing-job'>;

function fromInventory(ctx: BuildContext, kind: InventoryKind): Workload[] {
  const studio = domains(ctx);
  const configs = lifecycleConfigs(ctx);
  const notebooks = new Map<string, string | undefined>();
  const keys = new Map<string, string>();
  for (const account of ctx.input.snapshot.accounts) {
    for (const data of Object.values(account.regions)) {
      for (const nb of data.SageMaker?.NotebookInstances ?? []) notebooks.set(nb.NotebookInstanceArn, nb.NotebookInstanceLifecycleConfigName);
      for (const fn of data.Lambda?.Functions ?? []) if (fn.KMSKeyArn) keys.set(fn.FunctionArn, fn.KMSKeyArn);
    }
  }
  return (ctx.inventory.resourcesByKind.get(kind) ?? []).map((r) => {
    const region = r.region ?? 'us-east-1';
    const domain = kind === 'user-profile' ? studio.get(resourceIdOf(r.arn)?.split('/')[0] ?? '') : undefined;
    const configName = kind === 'notebook-instance' ? notebooks.get(r.arn) : undefined;
    const lifecycleConfigArn = configName
      ? (configs.get(`${r.accountId}|${region}|${configName}`) ?? `arn:${r.partition}:sagemaker:${region}:${r.accountId}:notebook-instance-lifecycle-config/${configName.toLowerCase()}`)
      : undefined;
    return {
      arn: r.arn,
      kind,
      name: r.name,
      accountId: r.accountId,
      partition: r.partition,
      region,
      node: r.arn,
      ...(r.role ? { role: r.role } : {}),
      ...(r.policy ? { policy: r.policy } : {}),
      ...(domain ? { domainArn: domain.arn, ...(domain.authMode ? { authMode: domain.authMode } : {}) } : {}),
      ...(lifecycleConfigArn ? { lifecycleConfigArn } : {}),
      ...(keys.has(r.arn) ? { keyArn: keys.get(r.arn)! } : {}),
      evidence: [],
    };
  });
}

function studioDomains(ctx: BuildContext): Workload[] {
  const out: Workload[] = [];
  for (const account of ctx.input.snapshot.accounts) {
    for (const [region, data] of Object.entries(account.regions)) {
      for (const d of data.SageMaker?.Domains ?? []) {
        const role = d.DefaultUserSettings?.ExecutionRole;
        out.push({
          arn: d.DomainArn,
          kind: 'studio-domain',
          name: d.DomainName ?? d.DomainId,
          accountId: account.accountId,
          partition: account.partition,
          region,
          ...(role ? { role: { arn: role, field: 'DefaultUserSettings.ExecutionRole' } } : {}),
          domainArn: d.DomainArn,
          ...(d.AuthMode ? { authMode: d.AuthMode } : {}),
          evidence: [],
        });
      }
    }
  }
  return out;
}

function ec2Instances(ctx: BuildContext): Workload[] {
  const roleOfProfile = instanceProfileRoles(ctx);
  const out: Workload[] = [];
  for (const account of ctx.input.snapshot.accounts) {
    for (const [region, data] of Object.entries(account.regions)) {
      for (const instance of data.EC2?.Instances ?? []) {
        const arn = `arn:${account.partition}:ec2:${region}:${account.accountId}:instance/${instance.InstanceId}`;
        const profile = instance.IamInstanceProfile?.Arn;
        const role = profile ? roleOfProfile.get(profile) : undefined;
        out.push({
          arn,
          kind: 'ec2-instance',
          name: instance.InstanceId,
          accountId: account.accountId,
          partition: account.partition,
          region,
          // No instance node: the edge goes to the role the instance's credentials belong to.
          ...(role && ctx.inventory.principalsByArn.has(role) ? { node: role, role: { arn: role, field: 'IamInstanceProfile.Arn' } } : {}),
          ...(instance.State?.Name ? { state: instance.State.Name } : {}),
          evidence: role ? [configuration(arn, 'IamInstanceProfile.Arn'), configuration(role, 'InstanceProfileList')] : [],
        });
      }
    }
  }
  return out;
}

/** Every workload of a kind, in ARN order; computed once per build. */
export function workloadsOf(ctx: BuildContext, kind: WorkloadKind): Workload[] {
  let byKind = cache.get(ctx);
  if (!byKind) cache.set(ctx, (byKind = new Map()));
  let list = byKind.get(kind);
  if (!list) {
    list = kind === 'studio-domain' ? studioDomains(ctx) : kind === 'ec2-instance' ? ec2Instances(ctx) : isComputeKind(kind) ? computeWorkloads(ctx, kind) : fromInventory(ctx, kind);
    list.sort((a, b) => compareStrings(a.arn, b.arn));
    for (const w of list) {
      const id = resourceIdOf(w.arn);
      if (id) w.resourceId = id;
    }
    byKind.set(kind, list);
  }
  return list;
}
