/**
 * The registry of regional readers: every regional section of the snapshot (RegionData) either
 * has a facts module or says why the graph does not model it yet. tsc rejects a new section
 * without a decision here, as REDACTION_DECISIONS (src/snapshot/redact-sites.ts) does for
 * redaction. Readers run in this order, so resources of one region keep the order they always had.
 */
import type { RegionSection } from '../../snapshot/index.js';
import { agentCore } from './agentcore.js';
import { apiGateway, apiGatewayV2 } from './apigateway.js';
import { appRunner } from './apprunner.js';
import { bedrock } from './bedrock.js';
import { autoScaling } from './autoscaling.js';
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

/** A section the graph reads nothing from yet, and why; `readBy` names the stage that reads it instead. */
export interface NotModelled {
  notModelled: string;
  readBy?: string;
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
  AutoScaling: autoScaling,
  ECS: ecs,
  AppRunner: appRunner,
  SSM: ssm,
  // Repositories are looked up by the images models and jobs run (ecr.ts), not read region by region.
  ECR: {},
  ApiGateway: apiGateway,
  ApiGatewayV2: apiGatewayV2,
  EKS: eks,
  BedrockAgentCore: agentCore,
  // Identity pools and the user pools they trust are read account by account (cognito.ts): a pool's provider may sit in another region.
  CognitoIdentity: {},
  CognitoUserPools: {},
  CloudTrail: { notModelled: 'trails are read by src/logging (which hops leave a record), not drawn as nodes or edges', readBy: 'src/logging' },
  // Load balancers are looked up by the ECS services they serve (ecs.ts), not read region by region.
  ELBv2: {},
} satisfies Record<RegionSection, RegionalReader | NotModelled>;

/** The readers of the modelled sections, in registry order. */
export const REGIONAL_READERS: readonly RegionalReader[] = Object.values(READERS).filter((r): r is RegionalReader => !('notModelled' in r));
