/**
 * Every collector, in one list. Adding a service means adding its descriptor here; the
 * registry test fails when a folder under services/ is not registered or a descriptor is
 * malformed.
 */
import type { ServiceDescriptor } from './engine/descriptor.js';
import { apigateway, apigatewayv2 } from './services/apigateway/index.js';
import { apprunner } from './services/apprunner/index.js';
import { bedrock } from './services/bedrock/index.js';
import { cloudtrail } from './services/cloudtrail/index.js';
import { bedrockAgentCore } from './services/bedrock-agentcore/index.js';
import { cognitoIdentity } from './services/cognito-identity/index.js';
import { cognitoIdp } from './services/cognito-idp/index.js';
import { ec2 } from './services/ec2/index.js';
import { ecr } from './services/ecr/index.js';
import { ecs } from './services/ecs/index.js';
import { eks } from './services/eks/index.js';
import { elasticloadbalancing } from './services/elasticloadbalancing/index.js';
import { iam } from './services/iam/index.js';
import { kms } from './services/kms/index.js';
import { lambda } from './services/lambda/index.js';
import { organizations } from './services/organizations/index.js';
import { s3 } from './services/s3/index.js';
import { sagemaker } from './services/sagemaker/index.js';
import { secretsmanager } from './services/secretsmanager/index.js';
import { ssm } from './services/ssm/index.js';

/** Every service descriptor. */
export const SERVICE_DESCRIPTORS: readonly ServiceDescriptor[] = [
  organizations,
  iam,
  s3,
  secretsmanager,
  ssm,
  kms,
  sagemaker,
  lambda,
  apigateway,
  apigatewayv2,
  bedrock,
  bedrockAgentCore,
  cognitoIdentity,
  cognitoIdp,
  eks,
  ec2,
  ecr,
  ecs,
  elasticloadbalancing,
  apprunner,
  cloudtrail,
];

