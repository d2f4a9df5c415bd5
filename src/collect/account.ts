/**
 * Collects one account: its alias, its regions, then every selected service — global ones
 * once, regional ones in each region — all at once, bounded by the engine's limiters.
 */
import { IAMClient, ListAccountAliasesCommand } from '@aws-sdk/client-iam';
import { compareStrings } from '../core/hash.js';
import { call, type Rec, type ServiceDescriptor } from './engine/descriptor.js';
import { collectSection } from './engine/section.js';
import { accountRegions } from './regions.js';
import { homeRegion, makeUnit, type AccountTarget, type Run } from './run.js';

/** The account's snapshot entry (validated later, with the rest of the snapshot). */
export async function collectAccount(run: Run, target: AccountTarget): Promise<Rec> {
  const home = homeRegion(target.partition);
  const descriptors = run.descriptors.filter((d) => d.scope !== 'organization');
  const regional = descriptors.filter((d) => d.scope === 'regional');
  const regions = regional.length > 0 ? await accountRegions(run, target, home, regional) : [];
  const alias = descriptors.some((d) => d.service === 'iam') ? await accountAlias(run, target, home) : undefined;

  const work: Array<{ descriptor: ServiceDescriptor; region?: string }> = [
    ...descriptors.filter((d) => d.scope === 'global').map((descriptor) => ({ descriptor })),
    ...regions.flatMap((region) => regional.map((descriptor) => ({ descriptor, region }))),
  ];
  run.progress.startAccount(target.accountId, work);
  const account: Rec = { accountId: target.accountId, partition: target.partition, ...(alias ? { alias } : {}) };
  const regionData: Record<string, Rec> = {};
  await Promise.all(
    work.map(async ({ descriptor, region }) => {
      const unit = makeUnit(run, target, { service: descriptor.service, client: descriptor.client, region: region ?? home, recordRegion: region !== undefined });
      const { section } = await collectSection(run.engine, unit, descriptor);
      if (section && region) (regionData[region] ??= {})[descriptor.section] = section;
      else if (section) account[descriptor.section] = section;
      run.progress.serviceDone(target.accountId, descriptor.service, region);
    }),
  );
  account['regions'] = Object.fromEntries(Object.keys(regionData).sort(compareStrings).map((r) => [r, regionData[r]]));
  run.progress.accountDone(target.accountId);
  return account;
}

/** The account alias (ListAccountAliases), for reports; a failure is a gap, not a stop. */
async function accountAlias(run: Run, target: AccountTarget, home: string): Promise<string | undefined> {
  const unit = makeUnit(run, target, { service: 'iam', client: IAMClient, region: home, recordRegion: false });
  const outcome = await run.engine.call(unit, { spec: call(ListAccountAliasesCommand), parent: {} });
  if (outcome.status !== 'ok') return undefined;
  const aliases = outcome.output['AccountAliases'];
  return Array.isArray(aliases) && typeof aliases[0] === 'string' ? aliases[0] : undefined;
}
