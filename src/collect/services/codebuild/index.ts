/**
 * CodeBuild (regional): projects with their service role and environment variables
 * (ListProjects, then BatchGetProjects a hundred names at a time). PLAINTEXT variable values are
 * redacted before a snapshot is written or analyzed; PARAMETER_STORE and SECRETS_MANAGER
 * variables are references (names), not values. Build logs and buildspecs' contents are not
 * collected.
 */
import { BatchGetProjectsCommand, CodeBuildClient, ListProjectsCommand } from '@aws-sdk/client-codebuild';
import { batchOf, call, str, type ServiceDescriptor } from '../../engine/descriptor.js';

/** The CodeBuild collector. */
export const codebuild: ServiceDescriptor = {
  service: 'codebuild',
  scope: 'regional',
  section: 'CodeBuild',
  client: CodeBuildClient,
  fetches: [
    {
      field: 'Projects',
      call: call(ListProjectsCommand),
      paginate: { inputToken: 'nextToken', outputToken: 'nextToken' },
      // ListProjects answers names; the describe call takes them a hundred at a time.
      items: 'projects',
      record: (name) => ({ name }),
      describe: { ...call(BatchGetProjectsCommand, (p) => ({ names: batchOf(p).map((r) => str(r, 'name')) })), pick: 'projects', batch: 100 },
      name: (p) => str(p, 'name'),
      required: true,
    },
  ],
};
