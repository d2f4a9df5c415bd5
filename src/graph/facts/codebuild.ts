/** CodeBuild facts: projects, each running builds as its service role. */
import type { RegionalReader } from './regional.js';
import { runsAsWorkloads } from './runs-as.js';

/** The CodeBuild reader. */
export const codeBuild: RegionalReader = {
  workloads: (data, at, links) =>
    runsAsWorkloads(
      'codebuild-project',
      (data.CodeBuild?.Projects ?? []).map((p) => ({ arn: p.arn ?? `arn:${at.partition}:codebuild:${at.region}:${at.accountId}:project/${p.name}`, name: p.name, role: p.serviceRole, field: 'serviceRole' })),
      at,
      links,
    ),
};
