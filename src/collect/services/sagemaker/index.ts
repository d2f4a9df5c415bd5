/**
 * SageMaker (regional): notebook instances and their lifecycle configurations, Studio domains
 * and user profiles, endpoints, endpoint configs, models, pipelines, and the most recent
 * training and processing jobs (`--recent-jobs`, default 100 each). List calls return
 * summaries without roles or configuration, so each item is described.
 */
import {
  DescribeDomainCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  DescribeNotebookInstanceCommand,
  DescribeNotebookInstanceLifecycleConfigCommand,
  DescribePipelineCommand,
  DescribeProcessingJobCommand,
  DescribeTrainingJobCommand,
  DescribeUserProfileCommand,
  ListDomainsCommand,
  ListEndpointConfigsCommand,
  ListEndpointsCommand,
  ListModelsCommand,
  ListNotebookInstanceLifecycleConfigsCommand,
  ListNotebookInstancesCommand,
  ListPipelinesCommand,
  ListProcessingJobsCommand,
  ListTrainingJobsCommand,
  ListUserProfilesCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { call, str, type Fetch, type ServiceDescriptor } from '../../engine/descriptor.js';

const pages = { inputToken: 'NextToken', outputToken: 'NextToken' } as const;
const newestFirst = { SortBy: 'CreationTime', SortOrder: 'Descending', MaxResults: 100 } as const;

/** A list-then-describe fetch keyed by one name field. */
function described(field: string, list: Fetch['call'], items: string, nameField: string, describe: Fetch['call']): Fetch {
  return { field, call: list, paginate: pages, items, name: (item) => str(item, nameField), describe };
}

/** The SageMaker collector: every resource kind, described one by one. */
export const sagemaker: ServiceDescriptor = {
  service: 'sagemaker',
  scope: 'regional',
  section: 'SageMaker',
  client: SageMakerClient,
  fetches: [
    described(
      'NotebookInstances',
      call(ListNotebookInstancesCommand, () => ({ MaxResults: 100 })),
      'NotebookInstances',
      'NotebookInstanceName',
      call(DescribeNotebookInstanceCommand, (n) => ({ NotebookInstanceName: str(n, 'NotebookInstanceName') })),
    ),
    described(
      'NotebookInstanceLifecycleConfigs',
      call(ListNotebookInstanceLifecycleConfigsCommand, () => ({ MaxResults: 100 })),
      'NotebookInstanceLifecycleConfigs',
      'NotebookInstanceLifecycleConfigName',
      call(DescribeNotebookInstanceLifecycleConfigCommand, (c) => ({
        NotebookInstanceLifecycleConfigName: str(c, 'NotebookInstanceLifecycleConfigName'),
      })),
    ),
    described(
      'Domains',
      call(ListDomainsCommand, () => ({ MaxResults: 100 })),
      'Domains',
      'DomainId',
      call(DescribeDomainCommand, (d) => ({ DomainId: str(d, 'DomainId') })),
    ),
    described(
      'UserProfiles',
      call(ListUserProfilesCommand, () => ({ MaxResults: 100 })),
      'UserProfiles',
      'UserProfileName',
      call(DescribeUserProfileCommand, (u) => ({ DomainId: str(u, 'DomainId'), UserProfileName: str(u, 'UserProfileName') })),
    ),
    described(
      'Endpoints',
      call(ListEndpointsCommand, () => ({ MaxResults: 100 })),
      'Endpoints',
      'EndpointName',
      call(DescribeEndpointCommand, (e) => ({ EndpointName: str(e, 'EndpointName') })),
    ),
    described(
      'EndpointConfigs',
      call(ListEndpointConfigsCommand, () => ({ MaxResults: 100 })),
      'EndpointConfigs',
      'EndpointConfigName',
      call(DescribeEndpointConfigCommand, (c) => ({ EndpointConfigName: str(c, 'EndpointConfigName') })),
    ),
    described(
      'Models',
      call(ListModelsCommand, () => ({ MaxResults: 100 })),
      'Models',
      'ModelName',
      call(DescribeModelCommand, (m) => ({ ModelName: str(m, 'ModelName') })),
    ),
    described(
      'Pipelines',
      call(ListPipelinesCommand, () => ({ SortBy: 'CreationTime', SortOrder: 'Descending', MaxResults: 100 }) as const),
      'PipelineSummaries',
      'PipelineName',
      call(DescribePipelineCommand, (p) => ({ PipelineName: str(p, 'PipelineName') })),
    ),
    {
      ...described(
        'TrainingJobs',
        call(ListTrainingJobsCommand, () => newestFirst),
        'TrainingJobSummaries',
        'TrainingJobName',
        call(DescribeTrainingJobCommand, (j) => ({ TrainingJobName: str(j, 'TrainingJobName') })),
      ),
      limit: (context) => context.recentJobs,
    },
    {
      ...described(
        'ProcessingJobs',
        call(ListProcessingJobsCommand, () => newestFirst),
        'ProcessingJobSummaries',
        'ProcessingJobName',
        call(DescribeProcessingJobCommand, (j) => ({ ProcessingJobName: str(j, 'ProcessingJobName') })),
      ),
      limit: (context) => context.recentJobs,
    },
  ],
};
