/**
 * The registry of regional readers: every regional section of the snapshot (RegionData) either
 * has a facts module or says why the graph does not model it yet. tsc rejects a new section
 * without a decision here, as REDACTION_DECISIONS (src/snapshot/redact-sites.ts) does for
 * redaction. Readers run in this order, so resources of one region keep the order they always had.
 */
import type { RegionSection } from '../../snapshot/index.js';
import { appRunner } from './apprunner.js';
import { bedrock } from './bedrock.js';
import { cloudFormation } from './cloudformation.js';
import { codeBuild } from './codebuild.js';
import { ec2 } from './ec2.js';
import { ecs } from './ecs.js';
import { eks } from './eks.js';
import { glue } from './glue.js';
import { kms } from './kms.js';
import { lambda } from './lambda.js';
import type { RegionalReader } from './regional.js';
import { sageMaker } from './sagemaker.js';
import { secretsManager } from './secretsmanager.js';
import { ssm } from './ssm.js';

/** A section the graph reads nothing from yet, and why. */
export interface NotModelled {
  notModelled: string;
}

/** One decision per regional section. */
export const READERS = {
  SecretsManager: secretsManager,
  KMS: kms,
  Lambda: lambda,
  SageMaker: sageMaker,
  Bedrock: bedrock,
  EC2: ec2,
  Glue: glue,
  CodeBuild: codeBuild,
  CloudFormation: cloudFormation,
  ECS: ecs,
  AppRunner: appRunner,
  SSM: ssm,
  // Repositories are looked up by the images models and jobs run (ecr.ts), not read region by region.
  ECR: {},
  ApiGateway: { notModelled: 'REST APIs are collected; the API Gateway entry points are not modelled yet' },
  ApiGatewayV2: { notModelled: 'HTTP APIs are collected; the API Gateway entry points are not modelled yet' },
  EKS: eks,
  BedrockAgentCore: { notModelled: 'runtimes and gateways are collected; AgentCore entry points are not modelled yet' },
  CognitoIdentity: { notModelled: 'identity pools are collected; their unauthenticated roles are not modelled as entry points yet' },
  CognitoUserPools: { notModelled: 'user pools are collected; no technique or entry point reads them yet' },
  CloudTrail: { notModelled: 'trails are read by src/logging (which hops leave a record), not drawn as nodes or edges' },
  // Load balancers are looked up by the ECS services they serve (ecs.ts), not read region by region.
  ELBv2: {},
} satisfies Record<RegionSection, RegionalReader | NotModelled>;

/** The readers of the modelled sections, in registry order. */
export const REGIONAL_READERS: readonly RegionalReader[] = Object.values(READERS).filter((r): r is RegionalReader => !('notModelled' in r));
