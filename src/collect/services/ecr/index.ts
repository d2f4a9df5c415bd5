/** ECR (regional): repositories and their repository policies. */
import { DescribeRepositoriesCommand, ECRClient, GetRepositoryPolicyCommand } from '@aws-sdk/client-ecr';
import { call, str, type ServiceDescriptor } from '../../engine/descriptor.js';

/** The ECR collector: repositories with their policies. */
export const ecr: ServiceDescriptor = {
  service: 'ecr',
  scope: 'regional',
  section: 'ECR',
  client: ECRClient,
  fetches: [
    {
      field: 'Repositories',
      call: call(DescribeRepositoriesCommand, () => ({ maxResults: 1000 })),
      paginate: { inputToken: 'nextToken', outputToken: 'nextToken' },
      items: 'repositories',
      name: (r) => str(r, 'repositoryArn'),
      required: true,
      details: [
        {
          field: 'policyText',
          call: call(GetRepositoryPolicyCommand, (r) => ({ repositoryName: str(r, 'repositoryName'), registryId: str(r, 'registryId') })),
          pick: 'policyText',
          absentOn: ['RepositoryPolicyNotFoundException'],
        },
      ],
    },
  ],
};
