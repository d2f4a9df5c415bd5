/** ECR facts: repositories with their tag mutability and repository policy, by registry, region and name. */
import type { AccountData } from '../../snapshot/index.js';
import { resourcePolicy } from './regional.js';
import type { CompiledPolicy } from '../../iam/index.js';

/** One repository as a supply-chain technique needs it. */
export interface Repository {
  arn: string;
  /** Immutable tags cannot be overwritten: the image a workload uses stays what it was. */
  immutable: boolean;
  policy?: CompiledPolicy;
}

/** Repositories of every account, looked up by the parts of an image URI. */
export class EcrFacts {
  private readonly byName = new Map<string, Repository>();

  /** Reads one account's repositories (the first of a name in a region wins, as listed). */
  read(account: AccountData): void {
    for (const [region, data] of Object.entries(account.regions)) {
      for (const repo of data.ECR?.Repositories ?? []) {
        const key = `${account.accountId}|${region}|${repo.repositoryName}`;
        if (this.byName.has(key)) continue;
        const arn = repo.repositoryArn ?? `arn:${account.partition}:ecr:${region}:${account.accountId}:repository/${repo.repositoryName}`;
        this.byName.set(key, { arn, immutable: repo.imageTagMutability === 'IMMUTABLE', ...resourcePolicy(arn, repo.policyText) });
      }
    }
  }

  /** The repository an image of `registry` (an account id) in `region` is pulled from, when collected. */
  repository(registry: string, region: string, name: string): Repository | undefined {
    return this.byName.get(`${registry}|${region}|${name}`);
  }
}
