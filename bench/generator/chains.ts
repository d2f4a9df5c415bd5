/**
 * The six planted chains. Each builder names its pieces with the chain's tag (so no noise
 * resource collides with them), returns the steps that add those pieces to their accounts, and
 * the findings the chain must produce. Every piece is scoped so that it reaches only its own
 * target: the chain adds exactly the findings listed.
 */
import { allow, arn, doc, trust } from './documents.js';
import type { AccountContext } from './context.js';
import type { ChainKind, ExpectedFinding } from './expected.js';
import type { AccountPlan, OrgPlan } from './organization.js';
import { ALPHABETS, token } from './random.js';
import { bucket, denyInsecureTransport, lambdaFunction, publicUrlStatements, secret, secretArn } from './resources.js';
import { addModel, addNotebook } from './sagemaker.js';

/** What a chain builder is given. */
export interface ChainParts {
  org: OrgPlan;
  tag: string;
  first: AccountPlan;
  second: AccountPlan;
  /** An account outside the organization, for chains that start there. */
  outsider: string;
}

type Step = (ctx: AccountContext) => number;
/** A built chain. */
export interface ChainBuild {
  title: string;
  findings: ExpectedFinding[];
  steps: Map<string, Step[]>;
}

const on = (...pairs: Array<[AccountPlan, Step]>) => {
  const steps = new Map<string, Step[]>();
  for (const [account, step] of pairs) steps.set(account.id, [...(steps.get(account.id) ?? []), step]);
  return steps;
};
const created = (ctx: AccountContext) => ctx.rng.date(2024, 2026);

function publicUrlPassRole({ org, tag, first: a }: ChainParts): ChainBuild {
  const data = `${org.company}-support-transcripts-${tag}`;
  const trainingRole = arn.role(a.id, `support-finetune-${tag}-training`);
  return {
    title: 'Public function URL -> execution role -> iam:PassRole to a SageMaker training job -> PII bucket',
    findings: [{ entry: 'internet', entryPoint: 'lambda-function-url-public', target: arn.bucket(data), impact: 'C-DATA' }],
    steps: on([a, (ctx) => {
      const { b, place } = ctx;
      b.buckets.push(bucket(data, { region: place.region, created: created(ctx), tags: { 'data-classification': 'pii' }, policy: doc(denyInsecureTransport(data)) }));
      b.role({ name: `support-finetune-${tag}-training`, trust: trust.service('sagemaker.amazonaws.com'), managed: [ctx.shared.sageMakerLogs], created: created(ctx), inline: { data: doc(allow('ReadTranscripts', ['s3:GetObject', 's3:ListBucket'], [arn.bucket(data), arn.objects(data)])) } });
      const role = b.role({ name: `support-chat-${tag}-role`, trust: trust.service('lambda.amazonaws.com'), managed: [ctx.shared.lambdaLogs], created: created(ctx), inline: { chat: doc(
        allow('StartPersonalization', ['sagemaker:CreateTrainingJob', 'sagemaker:DescribeTrainingJob'], `arn:aws:sagemaker:${place.region}:${a.id}:training-job/*`),
        allow('PassTrainingRole', 'iam:PassRole', trainingRole, { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } }),
      ) } });
      const fnArn = arn.fn(a.id, place.region, `support-chat-${tag}`);
      place.parts.Lambda.Functions.push(lambdaFunction(a.id, place.region, `support-chat-${tag}`, { role, modified: created(ctx), statements: publicUrlStatements(fnArn), publicUrl: true }));
      return 2;
    }]),
  };
}

function oidcUpdateCode({ org, tag, first: a }: ChainParts): ChainBuild {
  const provider = arn.oidc(a.id, 'token.actions.githubusercontent.com');
  const secretName = `prod/model-promote-${tag}/llm-api-key`;
  return {
    title: 'GitHub OIDC trust without a sub condition -> lambda:UpdateFunctionCode -> function role -> secret',
    findings: [{ entry: provider, entryPoint: 'oidc-trust-without-subject', target: secretArn(a.id, a.region, secretName), impact: 'C-SECRETS' }],
    steps: on([a, (ctx) => {
      const { b, place } = ctx;
      b.oidcProvider('token.actions.githubusercontent.com');
      b.role({ name: `gha-model-promote-${tag}`, trust: trust.github(provider, undefined), created: created(ctx), tags: { repo: `${org.company}-corp/model-promote` }, inline: { deploy: doc(
        allow('Deploy', ['lambda:UpdateFunctionCode', 'lambda:GetFunction'], `arn:aws:lambda:${place.region}:${a.id}:function:model-promote-${tag}*`),
      ) } });
      const role = b.role({ name: `model-promote-${tag}-role`, trust: trust.service('lambda.amazonaws.com'), managed: [ctx.shared.lambdaLogs], created: created(ctx), inline: { promote: doc(
        allow('ReadJudgeKey', 'secretsmanager:GetSecretValue', secretArn(a.id, place.region, secretName)),
      ) } });
      place.parts.SecretsManager.SecretList.push(secret(a.id, place.region, secretName, { created: created(ctx) }));
      place.parts.Lambda.Functions.push(lambdaFunction(a.id, place.region, `model-promote-${tag}`, { role, modified: created(ctx) }));
      return 2;
    }]),
  };
}

function leakedKeyCreateAccessKey({ tag, first: a }: ChainParts): ChainBuild {
  const user = arn.user(a.id, `jenkins-legacy-${tag}`);
  return {
    title: 'Leaked access key -> iam:CreateAccessKey on a user pattern that matches an administrator -> account admin',
    findings: [{ entry: user, entryPoint: 'iam-user-access-key', target: `admin:${a.id}`, impact: 'C-ADMIN' }],
    steps: on([a, (ctx) => {
      ctx.b.user({ name: `jenkins-legacy-${tag}`, keys: [{ status: 'Active' }], created: created(ctx), inline: { rotate: doc(
        allow('RotateDeployUserKeys', ['iam:CreateAccessKey', 'iam:DeleteAccessKey', 'iam:ListAccessKeys'], `arn:aws:iam::${a.id}:user/deploy-${tag}-*`),
      ) } });
      ctx.b.user({ name: `deploy-${tag}-bootstrap`, managed: [ctx.b.aws('AdministratorAccess')], keys: [{ status: 'Inactive' }], created: created(ctx) });
      return 2;
    }]),
  };
}

function credentialInModel({ org, tag, first: a, second: b2 }: ChainParts): ChainBuild {
  const keyId = `AKIA${token(`planted-key:${tag}`, 16, ALPHABETS.base32)}`;
  const user = arn.user(a.id, `feature-sync-${tag}`);
  const reader = arn.role(b2.id, `analytics-reader-${tag}`);
  const features = `${org.company}-customer-features-${tag}`;
  const model = arn.sageMaker(a.id, a.region, 'model', `churn-legacy-${tag}`);
  const target = { target: arn.bucket(features), impact: 'C-DATA' };
  return {
    title: "Access key in a SageMaker model's environment (and the user's own key) -> cross-account assume -> confidential bucket",
    findings: [{ entry: model, entryPoint: 'credential-in-configuration', ...target }, { entry: user, entryPoint: 'iam-user-access-key', ...target }],
    steps: on(
      [a, (ctx) => {
        const { b, place } = ctx;
        b.user({ name: `feature-sync-${tag}`, keys: [{ id: keyId, status: 'Active' }], created: created(ctx), inline: { sync: doc(allow('AssumeReader', 'sts:AssumeRole', reader)) } });
        const role = b.role({ name: `churn-legacy-${tag}-role`, trust: trust.service('sagemaker.amazonaws.com'), created: created(ctx) });
        const env = { AWS_ACCESS_KEY_ID: keyId, AWS_SECRET_ACCESS_KEY: token(`planted-secret:${tag}`, 40, ALPHABETS.mixedAlnum) };
        addModel(place, `churn-legacy-${tag}`, { role, modelDataUrl: `s3://${org.company}-legacy-models-${tag}/churn/model.tar.gz`, created: created(ctx), env, variant: 0 });
        return 1;
      }],
      [b2, (ctx) => {
        ctx.b.buckets.push(bucket(features, { region: ctx.place.region, created: created(ctx), tags: { 'data-classification': 'confidential' }, policy: doc(denyInsecureTransport(features)) }));
        ctx.b.role({ name: `analytics-reader-${tag}`, trust: trust.aws(user), created: created(ctx), inline: { read: doc(allow('ReadFeatures', ['s3:GetObject', 's3:ListBucket'], [arn.bucket(features), arn.objects(features)])) } });
        return 1;
      }],
    ),
  };
}

function vendorPresignedNotebook({ tag, first: a, outsider }: ChainParts): ChainBuild {
  const notebookRole = arn.role(a.id, `research-${tag}-notebook-role`);
  return {
    title: 'Vendor trust without sts:ExternalId -> presigned notebook URL -> notebook role that can rewrite its own policy -> account admin',
    findings: [{ entry: arn.root(outsider), entryPoint: 'role-trusts-external-account', target: `admin:${a.id}`, impact: 'C-ADMIN' }],
    steps: on([a, (ctx) => {
      const { b, place } = ctx;
      const notebook = addNotebook(place, `research-${tag}`, { role: notebookRole, created: created(ctx) });
      b.role({ name: `vendor-mlops-${tag}`, trust: trust.aws(arn.root(outsider)), created: created(ctx), inline: { support: doc(
        allow('Describe', ['sagemaker:DescribeNotebookInstance', 'sagemaker:ListNotebookInstances'], '*'),
        allow('SupportSessions', 'sagemaker:CreatePresignedNotebookInstanceUrl', notebook),
      ) } });
      b.role({ name: `research-${tag}-notebook-role`, trust: trust.service('sagemaker.amazonaws.com'), created: created(ctx), inline: { self: doc(
        allow('SelfServiceBucketAccess', ['iam:PutRolePolicy', 'iam:GetRolePolicy'], notebookRole),
      ) } });
      return 2;
    }]),
  };
}

function publicModelBucket({ org, tag, first: a }: ChainParts): ChainBuild {
  const released = `${org.company}-released-models-${tag}`;
  return {
    title: 'Bucket policy open to everyone on a bucket a SageMaker model loads from -> model theft',
    findings: [{ entry: 'anonymous', entryPoint: 'resource-policy-public', target: arn.bucket(released), impact: 'C-MODEL-THEFT' }],
    steps: on([a, (ctx) => {
      const { b, place } = ctx;
      b.restrictPublicBuckets = false;
      b.buckets.push(bucket(released, { region: place.region, created: created(ctx), blockPublic: false, policy: doc({ Sid: 'PublicReadReleasedModels', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: arn.objects(released) }) }));
      const role = b.role({ name: `released-${tag}-inference-role`, trust: trust.service('sagemaker.amazonaws.com'), created: created(ctx), inline: { read: doc(allow('ReadModel', 's3:GetObject', arn.objects(released))) } });
      addModel(place, `released-${tag}`, { role, modelDataUrl: `s3://${released}/sentiment/model.tar.gz`, created: created(ctx), variant: 1 });
      return 1;
    }]),
  };
}

/** Builders by chain kind. */
export const CHAIN_BUILDERS: Record<ChainKind, (parts: ChainParts) => ChainBuild> = {
  'public-url-pass-role': publicUrlPassRole,
  'oidc-update-function-code': oidcUpdateCode,
  'leaked-key-create-access-key': leakedKeyCreateAccessKey,
  'credential-in-model-config': credentialInModel,
  'vendor-presigned-notebook': vendorPresignedNotebook,
  'public-model-bucket': publicModelBucket,
};
