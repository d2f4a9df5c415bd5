/**
 * Data pipelines and container services. A pipeline has raw and curated buckets under its own
 * key, a Glue job role, a Step Functions role that starts only its own jobs and functions, and
 * a warehouse secret only the Glue role reads; some share curated data with the organization
 * through a bucket policy pinned by aws:PrincipalOrgID. A container service has an ECS task
 * execution role that injects its secrets and a task role scoped to its own prefix and queue.
 */
import { allow, arn, doc, trust } from '../documents.js';
import { serviceName, type AccountContext } from '../context.js';
import { bucket, denyInsecureTransport, kmsKey, lambdaFunction, secret, secretArn, serviceInvoke } from '../resources.js';

/** Adds one data pipeline; returns the number of roles it added. */
export function addDataPipeline(ctx: AccountContext): number {
  const { b, account, rng, place, org } = ctx;
  const name = serviceName(ctx);
  const id = account.id;
  const region = place.region;
  const rawBucket = `${org.company}-${name}-raw-${id}`;
  const curated = `${org.company}-${name}-curated-${id}`;
  const glueRole = arn.role(id, `${name}-glue-role`);
  const key = kmsKey(id, region, `${name}-pipeline`, { created: rng.date(2021, 2024), users: [glueRole], admins: [] });
  place.parts.KMS.Keys.push(key);
  const keyArn = (key['KeyMetadata'] as { Arn: string }).Arn;
  const shareWithOrg = rng.chance(0.15);
  b.buckets.push(bucket(rawBucket, { region, created: rng.date(2021, 2025), kmsKey: keyArn, tags: { 'data-classification': rng.pick(['restricted', 'internal', 'confidential']), pipeline: name }, policy: doc(denyInsecureTransport(rawBucket)) }));
  b.buckets.push(bucket(curated, {
    region,
    created: rng.date(2021, 2025),
    kmsKey: keyArn,
    tags: { pipeline: name },
    policy: doc(
      denyInsecureTransport(curated),
      ...(shareWithOrg ? [{ Sid: 'OrgRead', Effect: 'Allow' as const, Principal: '*' as const, Action: ['s3:GetObject', 's3:ListBucket'], Resource: [arn.bucket(curated), arn.objects(curated)], Condition: { StringEquals: { 'aws:PrincipalOrgID': org.orgId } } }] : []),
    ),
  }));
  const warehouse = `${account.env}/${name}/warehouse`;
  place.parts.SecretsManager.SecretList.push(secret(id, region, warehouse, { created: rng.date(2021, 2025), kmsKey: keyArn, rotationDays: 90 }));
  b.role({
    name: `${name}-glue-role`,
    trust: trust.service('glue.amazonaws.com'),
    managed: [b.aws('AWSGlueServiceRole')],
    created: rng.date(2021, 2025),
    inline: { data: doc(
      allow('ReadRaw', ['s3:GetObject', 's3:ListBucket'], [arn.bucket(rawBucket), arn.objects(rawBucket)]),
      allow('WriteCurated', ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], arn.objects(curated)),
      allow('Warehouse', 'secretsmanager:GetSecretValue', secretArn(id, region, warehouse)),
      allow('Key', ['kms:Decrypt', 'kms:GenerateDataKey'], keyArn),
    ) },
  });
  const stateMachineRole = b.role({
    name: `${name}-states-role`,
    trust: trust.service('states.amazonaws.com', { StringEquals: { 'aws:SourceAccount': id } }),
    created: rng.date(2021, 2025),
    inline: { orchestrate: doc(
      allow('Jobs', ['glue:StartJobRun', 'glue:GetJobRun'], `arn:aws:glue:${region}:${id}:job/${name}-*`),
      allow('Steps', 'lambda:InvokeFunction', arn.fn(id, region, `${name}-*`)),
      allow('Notify', 'sns:Publish', arn.topic(id, region, `${name}-alerts`)),
    ) },
  });
  const fnRole = b.role({ name: `${name}-step-role`, trust: trust.service('lambda.amazonaws.com'), managed: [ctx.shared.lambdaLogs], created: rng.date(2021, 2025), inline: { step: doc(allow('ListRaw', 's3:ListBucket', arn.bucket(rawBucket))) } });
  for (const step of ['validate', 'partition', 'publish'].slice(0, rng.int(1, 3))) {
    const fnName = `${name}-${step}`;
    place.parts.Lambda.Functions.push(lambdaFunction(id, region, fnName, {
      role: fnRole,
      modified: rng.date(2024, 2026),
      env: { RAW_BUCKET: rawBucket, STATE_MACHINE_ROLE: stateMachineRole },
      statements: rng.chance(0.5) ? [serviceInvoke('s3-events', 's3.amazonaws.com', arn.fn(id, region, fnName), arn.bucket(rawBucket), id)] : [],
    }));
  }
  return 3;
}

/** Adds one container service; returns the number of roles it added. */
export function addContainerService(ctx: AccountContext): number {
  const { b, account, rng, place } = ctx;
  const name = serviceName(ctx);
  const id = account.id;
  const region = place.region;
  const secrets = Array.from({ length: rng.int(1, 2) }, (_, i) => `${account.env}/${name}/${['database', 'broker', 'oauth-client'][i]}`);
  for (const s of secrets) place.parts.SecretsManager.SecretList.push(secret(id, region, s, { created: rng.date(2021, 2026), rotationDays: rng.chance(0.4) ? 30 : undefined }));
  const ecs = trust.service('ecs-tasks.amazonaws.com', { ArnLike: { 'aws:SourceArn': `arn:aws:ecs:${region}:${id}:*` } });
  b.role({
    name: `${name}-task-execution`,
    trust: ecs,
    managed: [b.aws('AmazonECSTaskExecutionRolePolicy')],
    created: rng.date(2021, 2026),
    inline: { secrets: doc(allow('InjectSecrets', 'secretsmanager:GetSecretValue', secrets.map((s) => secretArn(id, region, s)))) },
  });
  b.role({
    name: `${name}-task`,
    ...(rng.chance(0.4) ? { path: '/app/', boundary: ctx.shared.boundary } : {}),
    trust: ecs,
    created: rng.date(2021, 2026),
    inline: { app: doc(
      allow('Objects', ['s3:GetObject', 's3:PutObject'], arn.objects(ctx.artifactsBucket, `data/${name}/`)),
      allow('Queue', ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:SendMessage'], arn.queue(id, region, `${name}-*`)),
      allow('Table', ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'], arn.table(id, region, `${name}*`), rng.chance(0.3) ? { StringEquals: { 'aws:RequestedRegion': region } } : undefined),
    ) },
  });
  return 2;
}
