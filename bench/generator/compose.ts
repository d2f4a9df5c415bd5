/**
 * Composes one account from its plan: the platform baseline, the planted chains that live
 * there, legacy users, then workload archetypes (API services, ML projects, data pipelines,
 * container services) in proportions that depend on the account's environment until the role
 * target is met, and finally more history and storage until the resource target is met.
 */
import { AccountBuilder } from './account.js';
import { addApiService } from './apps/api.js';
import { addContainerService, addDataPipeline } from './apps/data.js';
import { addMlProject, addStudioDomain } from './apps/ml.js';
import { addLegacyUsers, addStorageBuckets, addWebsiteBucket } from './apps/storage.js';
import { nameRegistry, type AccountContext } from './context.js';
import type { AccountPlan, Environment, OrgPlan } from './organization.js';
import type { Plant } from './plant.js';
import { addPlatform, sharedPolicies } from './platform.js';
import type { Rng } from './random.js';

type Archetype = (ctx: AccountContext) => number;

const MIX: Record<Environment, Array<readonly [Archetype, number]>> = {
  prod: [[addApiService, 45], [addContainerService, 25], [addDataPipeline, 15], [addMlProject, 15]],
  staging: [[addApiService, 45], [addContainerService, 25], [addDataPipeline, 15], [addMlProject, 15]],
  dev: [[addApiService, 50], [addContainerService, 25], [addDataPipeline, 10], [addMlProject, 15]],
  ml: [[addMlProject, 50], [addApiService, 20], [addDataPipeline, 20], [addContainerService, 10]],
  sandbox: [[addApiService, 50], [addContainerService, 30], [addMlProject, 10], [addDataPipeline, 10]],
};
const SHARED_ACCOUNT_MIX: Array<readonly [Archetype, number]> = [[addApiService, 50], [addContainerService, 50]];

/** Builds one account's snapshot section. */
export function composeAccount(org: OrgPlan, account: AccountPlan, plants: Plant[], rng: Rng): Record<string, unknown> {
  const b = new AccountBuilder(account.id, account.alias, account.encoding);
  const ctx: AccountContext = {
    b,
    org,
    account,
    rng,
    shared: sharedPolicies(b, account, rng),
    place: { account: account.id, region: account.region, parts: b.region(account.region) },
    artifactsBucket: `${org.company}-artifacts-${account.id}`,
    unique: nameRegistry(),
    growers: [],
  };
  addPlatform(ctx);
  for (const plant of plants) for (const step of plant.steps.get(account.id) ?? []) step(ctx);
  if (account.kind === 'workload') {
    addLegacyUsers(ctx);
    if (account.env === 'ml') addStudioDomain(ctx);
    if (account.publicWebsites) for (let i = rng.int(1, 3); i > 0; i--) addWebsiteBucket(ctx);
    // A second region for a slice of the work, as multi-region accounts have.
    if (rng.chance(0.3)) {
      const other = account.region === 'us-east-1' ? 'us-west-2' : 'eu-central-1';
      ctx.place = { account: account.id, region: other, parts: b.region(other) };
    }
  }
  const mix = account.kind === 'workload' ? MIX[account.env] : SHARED_ACCOUNT_MIX;
  let switched = false;
  while (b.roleCount < account.roles) {
    // Half of the apps go to the primary region when a second one is in use.
    if (!switched && b.roleCount > account.roles / 2) {
      ctx.place = { account: account.id, region: account.region, parts: b.region(account.region) };
      switched = true;
    }
    rng.weighted(mix)(ctx);
  }
  ctx.place = { account: account.id, region: account.region, parts: b.region(account.region) };
  let deficit = account.resources - b.resourceCount;
  while (deficit > 0) {
    const chunk = Math.min(deficit, rng.int(3, 20));
    deficit -= ctx.growers.length && rng.chance(0.7) ? rng.pick(ctx.growers)(chunk) : addStorageBuckets(ctx, Math.min(chunk, 3));
  }
  return b.build();
}
