/**
 * Every collector, in one typed registry keyed by its `--services` name. Adding a service is
 * one line here; the registry test fails when a folder under services/ is not registered, a
 * key is not the service its descriptors record, or a descriptor is malformed.
 *
 * Each entry loads its collector when called (a dynamic import): the AWS SDK clients behind
 * the collectors take seconds to import, and the CLI reads `SERVICE_NAMES` for its help and
 * checks without paying that in commands that do not collect (`--help`, `analyze`).
 */
import { compareStrings } from '../core/hash.js';
import type { ServiceDescriptor } from './engine/descriptor.js';

/** Loads one service's collector: its descriptors (API Gateway has two, REST and HTTP/WebSocket). */
type CollectorLoader = () => Promise<readonly ServiceDescriptor[]>;

/** Every collector, in collection order (the order account work is planned and started in). */
export const COLLECTORS = {
  organizations: () => import('./services/organizations/index.js').then((m) => [m.organizations]),
  iam: () => import('./services/iam/index.js').then((m) => [m.iam]),
  s3: () => import('./services/s3/index.js').then((m) => [m.s3]),
  secretsmanager: () => import('./services/secretsmanager/index.js').then((m) => [m.secretsmanager]),
  ssm: () => import('./services/ssm/index.js').then((m) => [m.ssm]),
  kms: () => import('./services/kms/index.js').then((m) => [m.kms]),
  sagemaker: () => import('./services/sagemaker/index.js').then((m) => [m.sagemaker]),
  lambda: () => import('./services/lambda/index.js').then((m) => [m.lambda]),
  apigateway: () => import('./services/apigateway/index.js').then((m) => [m.apigateway, m.apigatewayv2]),
  bedrock: () => import('./services/bedrock/index.js').then((m) => [m.bedrock]),
  'bedrock-agentcore': () => import('./services/bedrock-agentcore/index.js').then((m) => [m.bedrockAgentCore]),
  'cognito-identity': () => import('./services/cognito-identity/index.js').then((m) => [m.cognitoIdentity]),
  'cognito-idp': () => import('./services/cognito-idp/index.js').then((m) => [m.cognitoIdp]),
  eks: () => import('./services/eks/index.js').then((m) => [m.eks]),
  ec2: () => import('./services/ec2/index.js').then((m) => [m.ec2]),
  autoscaling: () => import('./services/autoscaling/index.js').then((m) => [m.autoscaling]),
  ecr: () => import('./services/ecr/index.js').then((m) => [m.ecr]),
  ecs: () => import('./services/ecs/index.js').then((m) => [m.ecs]),
  elasticloadbalancing: () => import('./services/elasticloadbalancing/index.js').then((m) => [m.elasticloadbalancing]),
  apprunner: () => import('./services/apprunner/index.js').then((m) => [m.apprunner]),
  cloudformation: () => import('./services/cloudformation/index.js').then((m) => [m.cloudformation]),
  cloudtrail: () => import('./services/cloudtrail/index.js').then((m) => [m.cloudtrail]),
  codebuild: () => import('./services/codebuild/index.js').then((m) => [m.codebuild]),
} as const satisfies Record<string, CollectorLoader>;

/** A `--services` name. */
export type ServiceName = keyof typeof COLLECTORS;

/** The `--services` names, in name order (for help and error messages); nothing is loaded. */
export const SERVICE_NAMES: readonly ServiceName[] = (Object.keys(COLLECTORS) as ServiceName[]).sort(compareStrings);

/**
 * Loads the collectors of the given services and returns their descriptors in collection
 * order, whatever the order of `services`; unknown names are ignored (options are checked before).
 */
export async function loadDescriptors(services: readonly string[]): Promise<ServiceDescriptor[]> {
  const wanted = (Object.keys(COLLECTORS) as ServiceName[]).filter((name) => services.includes(name));
  const loaded = await Promise.all(wanted.map((name) => COLLECTORS[name]()));
  return loaded.flat();
}
