/** App Runner facts: services, each running its instances as the instance role, and whether its URL is public. */
import type { AccountData } from '../../snapshot/index.js';
import type { RegionalReader } from './regional.js';
import { runsAsWorkloads } from './runs-as.js';
import type { Place } from './types.js';

/** A service as the entry points read it. */
export interface AppRunnerService extends Place {
  arn: string;
  name: string;
  role?: string;
  /** The default: the service URL answers anyone; false when `IsPubliclyAccessible` is false (VPC ingress only). */
  public: boolean;
  url?: string;
  status?: string;
}

/** Services of every account and region. */
export class AppRunnerFacts {
  readonly services: AppRunnerService[] = [];

  /** Reads one account's services. */
  read(account: AccountData): void {
    for (const [region, data] of Object.entries(account.regions)) {
      for (const service of data.AppRunner?.Services ?? []) {
        const role = service.InstanceConfiguration?.InstanceRoleArn;
        this.services.push({
          accountId: account.accountId,
          partition: account.partition,
          region,
          arn: service.ServiceArn,
          name: service.ServiceName ?? service.ServiceArn,
          ...(role ? { role } : {}),
          public: service.NetworkConfiguration?.IngressConfiguration?.IsPubliclyAccessible !== false,
          ...(service.ServiceUrl ? { url: service.ServiceUrl } : {}),
          ...(service.Status ? { status: service.Status } : {}),
        });
      }
    }
  }
}

/** The App Runner reader. */
export const appRunner: RegionalReader = {
  workloads: (data, at, links) =>
    runsAsWorkloads(
      'apprunner-service',
      (data.AppRunner?.Services ?? []).map((s) => ({ arn: s.ServiceArn, name: s.ServiceName ?? s.ServiceArn, role: s.InstanceConfiguration?.InstanceRoleArn, field: 'InstanceConfiguration.InstanceRoleArn' })),
      at,
      links,
    ),
};
