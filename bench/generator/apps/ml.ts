/**
 * ML projects: training data, model artifact and raw data buckets under a project KMS key;
 * training, processing, inference, pipeline and notebook roles each scoped to what their job
 * touches; a history of training and processing jobs; models behind endpoints. The pipeline
 * role may pass only its own project's roles, and only to SageMaker.
 */
import { allow, arn, doc, trust } from '../documents.js';
import type { AccountContext } from '../context.js';
import { bucket, denyInsecureTransport, kmsKey } from '../resources.js';
import { addEndpoint, addModel, addNotebook, addProcessingJob, addStudio, addTrainingJob } from '../sagemaker.js';

const MODELS = ['fraud-scorer', 'churn-predictor', 'ranker', 'llm-finetune', 'vision-classifier', 'demand-forecast', 'embeddings', 'anomaly-detector', 'intent-classifier', 'price-optimizer'];

/** Adds one ML project; returns the number of roles it added. */
export function addMlProject(ctx: AccountContext): number {
  const { b, account, rng, place, shared, org } = ctx;
  const project = ctx.unique(rng.pick(MODELS));
  const id = account.id;
  const training = `${org.company}-${project}-training-${id}`;
  const models = `${org.company}-${project}-models-${id}`;
  const raw = `${org.company}-${project}-raw-${id}`;
  const roleArn = (kind: string) => arn.role(id, `${project}-${kind}-role`);
  const hasNotebook = rng.chance(0.5);
  const users = [roleArn('training'), roleArn('processing'), roleArn('inference'), ...(hasNotebook ? [roleArn('notebook')] : [])];
  const key = kmsKey(id, place.region, `${project}-data`, { created: rng.date(2022, 2024), users, admins: [], tags: { project } });
  place.parts.KMS.Keys.push(key);
  const keyArn = (key['KeyMetadata'] as { Arn: string }).Arn;
  const classification = rng.weighted([['pii', 2], ['confidential', 3], ['internal', 5]] as const);
  const created = () => rng.date(2022, 2026);
  for (const [name, tags] of [[training, { 'data-classification': classification, project }], [models, { project }], [raw, { 'data-classification': rng.chance(0.3) ? 'restricted' : 'internal', project }]] as const) {
    b.buckets.push(bucket(name, { region: place.region, created: created(), tags, kmsKey: keyArn, policy: doc(denyInsecureTransport(name)) }));
  }
  const sm = trust.service('sagemaker.amazonaws.com', rng.chance(0.4) ? { StringEquals: { 'aws:SourceAccount': id } } : undefined);
  const managed = [shared.ecrPull, shared.sageMakerLogs];
  const kms = allow('ProjectKey', ['kms:Decrypt', 'kms:GenerateDataKey'], keyArn);
  b.role({ name: `${project}-training-role`, trust: sm, managed, created: created(), tags: { project }, inline: { training: doc(
    allow('ReadTrainingData', ['s3:GetObject', 's3:ListBucket'], [arn.bucket(training), arn.objects(training)]),
    allow('WriteArtifacts', 's3:PutObject', arn.objects(models, `${project}/`)),
    kms,
  ) } });
  b.role({ name: `${project}-processing-role`, trust: sm, managed, created: created(), tags: { project }, inline: { processing: doc(
    allow('ReadRaw', ['s3:GetObject', 's3:ListBucket'], [arn.bucket(raw), arn.objects(raw)]),
    allow('WriteFeatures', 's3:PutObject', arn.objects(training, 'features/')),
    kms,
  ) } });
  b.role({ name: `${project}-inference-role`, trust: sm, managed, created: created(), tags: { project }, inline: { inference: doc(
    allow('ReadArtifacts', 's3:GetObject', arn.objects(models, `${project}/`)),
    allow('DecryptArtifacts', 'kms:Decrypt', keyArn, { StringEquals: { 'kms:ViaService': `s3.${place.region}.amazonaws.com` } }),
  ) } });
  const smArn = (kind: string) => `arn:aws:sagemaker:${place.region}:${id}:${kind}/${project}-*`;
  b.role({ name: `${project}-pipeline-role`, trust: sm, managed: [shared.sageMakerLogs], created: created(), tags: { project }, inline: { pipeline: doc(
    allow('RunJobs', ['sagemaker:CreateTrainingJob', 'sagemaker:CreateProcessingJob', 'sagemaker:CreateModel', 'sagemaker:DescribeTrainingJob', 'sagemaker:DescribeProcessingJob'], [smArn('training-job'), smArn('processing-job'), smArn('model')]),
    allow('PassProjectRoles', 'iam:PassRole', [roleArn('training'), roleArn('processing'), roleArn('inference')], { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } }),
  ) } });
  const at = place;
  if (hasNotebook) {
    b.role({ name: `${project}-notebook-role`, trust: sm, managed, created: created(), tags: { project }, inline: { explore: doc(
      allow('ReadTrainingData', ['s3:GetObject', 's3:ListBucket'], [arn.bucket(training), arn.objects(training, 'samples/')]),
      allow('Describe', ['sagemaker:Describe*', 'sagemaker:List*'], '*'),
      kms,
    ) } });
    addNotebook(at, `${project}-explore`, { role: roleArn('notebook'), created: created(), status: rng.pick(['InService', 'Stopped']) });
  }

  let jobs = 0;
  const addJobs = (n: number) => {
    for (let i = 0; i < n; i++, jobs++) {
      const stamp = `${2024 + (jobs % 3)}-${String(1 + (jobs % 12)).padStart(2, '0')}-${String(1 + (jobs % 28)).padStart(2, '0')}-${String(jobs).padStart(4, '0')}`;
      if (jobs % 4 === 3) {
        addProcessingJob(at, `${project}-features-${stamp}`, { role: roleArn('processing'), inputs: [`s3://${raw}/events/`], output: `s3://${training}/features/${stamp}/`, created: created() });
      } else {
        addTrainingJob(at, `${project}-train-${stamp}`, { role: roleArn('training'), inputs: [`s3://${training}/features/`, `s3://${training}/validation/`], output: `s3://${models}/${project}/`, created: created(), failed: rng.chance(0.1), kmsKey: keyArn, variant: jobs });
      }
    }
    return n;
  };
  addJobs(rng.int(4, 12));
  ctx.growers.push(addJobs);
  const versions = rng.int(1, 3);
  for (let v = 1; v <= versions; v++) {
    const model = `${project}-v${v}`;
    addModel(at, model, { role: roleArn('inference'), modelDataUrl: `s3://${models}/${project}/v${v}/model.tar.gz`, created: created(), variant: v });
    if (v === versions || rng.chance(0.3)) addEndpoint(at, `${project}-${v === versions ? 'prod' : `v${v}`}`, { model, created: created(), inService: rng.chance(0.85) });
  }
  return hasNotebook ? 5 : 4;
}

/** SageMaker Studio for an ML account: one domain whose default role data scientists share. */
export function addStudioDomain(ctx: AccountContext): number {
  const { b, rng, place, shared, account } = ctx;
  const role = b.role({ name: 'sagemaker-studio-execution', trust: trust.service('sagemaker.amazonaws.com'), managed: [b.aws('AmazonSageMakerFullAccess'), shared.sageMakerLogs], created: rng.date(2023, 2024) });
  const profiles = ['data-science', 'ml-platform', 'research', 'analytics'].slice(0, rng.int(2, 4));
  addStudio(place, `d-${account.id.slice(0, 6)}${rng.int(100000, 999999)}`, { role, profiles, created: rng.date(2023, 2024) });
  return 1;
}
