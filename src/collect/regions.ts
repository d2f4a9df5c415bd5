/**
 * Which regions to collect in an account: the regions enabled for it (ec2:DescribeRegions), or
 * the ones `--regions` names, minus those the account has not enabled (each a gap, since data
 * may exist there that blastpath did not see).
 */
import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { compareStrings } from '../core/hash.js';
import { call, type ServiceDescriptor } from './engine/descriptor.js';
import { makeUnit, type AccountTarget, type Run } from './run.js';

/** The regions to collect regional services in, for one account. */
export async function accountRegions(run: Run, target: AccountTarget, home: string, regional: readonly ServiceDescriptor[]): Promise<string[]> {
  const unit = makeUnit(run, target, { service: 'ec2', client: EC2Client, region: home, recordRegion: false });
  const outcome = await run.engine.call(unit, { spec: call(DescribeRegionsCommand, () => ({ AllRegions: false })), parent: {} });
  const requested = run.options.regions;
  const services = [...new Set(regional.map((d) => d.service))];
  const gap = (service: string, message: string, region?: string) =>
    run.coverage.recordGap({ accountId: target.accountId, service, ...(region ? { region } : {}) }, '*', 'not-collected', message);

  if (outcome.status !== 'ok') {
    if (requested) return requested;
    for (const service of services) {
      gap(service, `collected in ${home} only: the account's enabled regions could not be listed (ec2:DescribeRegions)`);
    }
    return [home];
  }
  const listed = (outcome.output['Regions'] ?? []) as Array<{ RegionName?: string; OptInStatus?: string }>;
  const enabled = new Set(
    listed.filter((r) => r.RegionName && r.OptInStatus !== 'not-opted-in').map((r) => r.RegionName as string),
  );
  if (!requested) return [...enabled].sort(compareStrings);
  for (const region of requested.filter((r) => !enabled.has(r))) {
    for (const service of services) gap(service, `region ${region} is not enabled for this account (or does not exist)`, region);
  }
  return requested.filter((r) => enabled.has(r));
}
