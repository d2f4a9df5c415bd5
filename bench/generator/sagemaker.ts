/**
 * SageMaker records as the Describe* calls return them: training and processing jobs (with
 * their S3 inputs and outputs, which make buckets training data or model artifacts), models,
 * endpoint configs, endpoints, notebook instances, Studio domains and user profiles.
 */
import { arn } from './documents.js';
import type { RegionParts } from './resources.js';

type Json = Record<string, unknown>;

const IMAGES = [
  '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1',
  '763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.3.0-gpu-py311-cu121-ubuntu20.04-sagemaker',
  '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3',
];
const INFERENCE_IMAGES = [
  '763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.3.0-cpu-py311-ubuntu20.04-sagemaker',
  '763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-inference:2.1.0-transformers4.37.0-cpu-py310-ubuntu22.04',
];

/** Where the records go and whose they are. */
export interface Place {
  account: string;
  region: string;
  parts: RegionParts;
}

/** A completed (or failed) training job reading `inputs` and writing under `output`. */
export function addTrainingJob(at: Place, name: string, o: { role: string; inputs: string[]; output: string; created: string; failed?: boolean; kmsKey?: string; variant: number }): void {
  at.parts.SageMaker.TrainingJobs.push({
    TrainingJobName: name,
    TrainingJobArn: arn.sageMaker(at.account, at.region, 'training-job', name),
    ...(o.failed ? { FailureReason: 'AlgorithmError: ExecuteUserScriptError' } : { ModelArtifacts: { S3ModelArtifacts: `${o.output}${name}/output/model.tar.gz` } }),
    TrainingJobStatus: o.failed ? 'Failed' : 'Completed',
    HyperParameters: { epochs: String(5 + (o.variant % 20)), learning_rate: '0.0003', batch_size: String(32 << (o.variant % 3)) },
    AlgorithmSpecification: { TrainingImage: IMAGES[o.variant % IMAGES.length], TrainingInputMode: 'File' },
    RoleArn: o.role,
    InputDataConfig: o.inputs.map((uri, i) => ({
      ChannelName: i === 0 ? 'train' : 'validation',
      DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: uri, S3DataDistributionType: 'FullyReplicated' } },
      ContentType: 'text/csv',
    })),
    OutputDataConfig: { ...(o.kmsKey ? { KmsKeyId: o.kmsKey } : {}), S3OutputPath: o.output },
    ResourceConfig: { InstanceType: 'ml.m5.2xlarge', InstanceCount: 1, VolumeSizeInGB: 50 },
    StoppingCondition: { MaxRuntimeInSeconds: 86400 },
    CreationTime: o.created,
    EnableNetworkIsolation: false,
  } satisfies Json);
}

/** A processing job reading `inputs` and writing `output`. */
export function addProcessingJob(at: Place, name: string, o: { role: string; inputs: string[]; output: string; created: string }): void {
  at.parts.SageMaker.ProcessingJobs.push({
    ProcessingJobName: name,
    ProcessingJobArn: arn.sageMaker(at.account, at.region, 'processing-job', name),
    ProcessingJobStatus: 'Completed',
    RoleArn: o.role,
    ProcessingInputs: o.inputs.map((uri, i) => ({ InputName: `input-${i + 1}`, S3Input: { S3Uri: uri, LocalPath: `/opt/ml/processing/input/${i + 1}`, S3DataType: 'S3Prefix', S3InputMode: 'File' } })),
    ProcessingOutputConfig: { Outputs: [{ OutputName: 'output-1', S3Output: { S3Uri: o.output, LocalPath: '/opt/ml/processing/output', S3UploadMode: 'EndOfJob' } }] },
    ProcessingResources: { ClusterConfig: { InstanceCount: 1, InstanceType: 'ml.m5.xlarge', VolumeSizeInGB: 30 } },
    AppSpecification: { ImageUri: IMAGES[2] },
    CreationTime: o.created,
  } satisfies Json);
}

/** A model loading `modelDataUrl`, with an optional container environment. */
export function addModel(at: Place, name: string, o: { role: string; modelDataUrl: string; created: string; env?: Record<string, string>; variant: number }): string {
  const modelArn = arn.sageMaker(at.account, at.region, 'model', name);
  at.parts.SageMaker.Models.push({
    ModelName: name,
    ModelArn: modelArn,
    ExecutionRoleArn: o.role,
    PrimaryContainer: { Image: INFERENCE_IMAGES[o.variant % INFERENCE_IMAGES.length], Mode: 'SingleModel', ModelDataUrl: o.modelDataUrl, Environment: { SAGEMAKER_PROGRAM: 'inference.py', SAGEMAKER_REGION: at.region, ...o.env } },
    CreationTime: o.created,
    EnableNetworkIsolation: false,
  } satisfies Json);
  return modelArn;
}

/** An endpoint config and its endpoint serving `model`. */
export function addEndpoint(at: Place, name: string, o: { model: string; created: string; inService: boolean }): string {
  const configName = `${name}-config`;
  at.parts.SageMaker.EndpointConfigs.push({
    EndpointConfigName: configName,
    EndpointConfigArn: arn.sageMaker(at.account, at.region, 'endpoint-config', configName),
    ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: o.model, InitialInstanceCount: 1, InstanceType: 'ml.m5.large', InitialVariantWeight: 1 }],
    CreationTime: o.created,
  } satisfies Json);
  const endpointArn = arn.sageMaker(at.account, at.region, 'endpoint', name);
  at.parts.SageMaker.Endpoints.push({
    EndpointName: name,
    EndpointArn: endpointArn,
    EndpointConfigName: configName,
    EndpointStatus: o.inService ? 'InService' : 'OutOfService',
    CreationTime: o.created,
    LastModifiedTime: o.created,
  } satisfies Json);
  return endpointArn;
}

/** A notebook instance running as `role`, with internet access disabled (VPC only). */
export function addNotebook(at: Place, name: string, o: { role: string; created: string; status?: string }): string {
  const notebookArn = arn.sageMaker(at.account, at.region, 'notebook-instance', name);
  at.parts.SageMaker.NotebookInstances.push({
    NotebookInstanceName: name,
    NotebookInstanceArn: notebookArn,
    NotebookInstanceStatus: o.status ?? 'InService',
    InstanceType: 'ml.t3.medium',
    RoleArn: o.role,
    DirectInternetAccess: 'Disabled',
    RootAccess: 'Disabled',
    CreationTime: o.created,
  } satisfies Json);
  return notebookArn;
}

/** A Studio domain with a default execution role, and user profiles inheriting it. */
export function addStudio(at: Place, domainId: string, o: { role: string; profiles: string[]; created: string }): void {
  at.parts.SageMaker.Domains.push({
    DomainId: domainId,
    DomainArn: arn.sageMaker(at.account, at.region, 'domain', domainId),
    DomainName: 'ml-studio',
    AuthMode: 'SSO',
    AppNetworkAccessType: 'VpcOnly',
    DefaultUserSettings: { ExecutionRole: o.role },
    CreationTime: o.created,
  } satisfies Json);
  for (const profile of o.profiles) {
    at.parts.SageMaker.UserProfiles.push({
      DomainId: domainId,
      UserProfileName: profile,
      UserProfileArn: arn.sageMaker(at.account, at.region, 'user-profile', `${domainId}/${profile}`),
      Status: 'InService',
    } satisfies Json);
  }
}
