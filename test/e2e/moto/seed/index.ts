/**
 * Seeds an AI deployment into moto through the real AWS SDK clients, one module per service.
 * A later phase adds a service by adding its module here and its rows to ../expectations.ts.
 */
import { seedAgentCore, type SeededAgentCore } from './agentcore.js';
import { seedApiGateway, type SeededApis } from './apigateway.js';
import { seedAutoScaling } from './autoscaling.js';
import { seedContext } from './clients.js';
import { seedCloudFormation } from './cloudformation.js';
import { seedCloudTrail } from './cloudtrail.js';
import { seedCodeBuild } from './codebuild.js';
import { seedCognito, type SeededCognito } from './cognito.js';
import { seedEc2, type SeededNetwork } from './ec2.js';
import { seedEcs, type SeededEcs } from './ecs.js';
import { seedEks, type SeededEks } from './eks.js';
import { seedIam } from './iam.js';
import { seedLambda } from './lambda.js';
import { seedS3 } from './s3.js';
import { seedSageMaker } from './sagemaker.js';
import { seedSecrets } from './secrets.js';
import { seedSsm } from './ssm.js';

/** Ids moto gave the seeded resources. */
export interface Seeded {
  secretArn: string;
  /** The customer managed key of the SecureString parameter that needs kms:Decrypt. */
  appKeyArn: string;
  apis: SeededApis;
  cognito: SeededCognito;
  network: SeededNetwork;
  ecs: SeededEcs;
  eks: SeededEks;
  agentCore: SeededAgentCore;
  /** The SQS queue an event source mapping feeds `nightly-report` from. */
  reportQueueArn: string;
  /** The launch template the Auto Scaling group `batch-fleet` launches from. */
  launchTemplateId: string;
}

/** Seeds every service, in dependency order. */
export async function seedDeployment(endpoint: string): Promise<Seeded> {
  const context = seedContext(endpoint);
  await seedIam(context);
  await seedS3(context);
  const secretArn = await seedSecrets(context);
  const appKeyArn = await seedSsm(context);
  const reportQueueArn = await seedLambda(context);
  const cognito = await seedCognito(context);
  const apis = await seedApiGateway(context, cognito.userPoolArn);
  await seedSageMaker(context);
  const network = await seedEc2(context);
  const launchTemplateId = await seedAutoScaling(context, network);
  const ecs = await seedEcs(context, network, secretArn);
  const eks = await seedEks(context, network);
  const agentCore = await seedAgentCore(context);
  await seedCloudTrail(context);
  await seedCloudFormation(context);
  await seedCodeBuild(context);
  return { secretArn, appKeyArn, apis, cognito, network, ecs, eks, agentCore, reportQueueArn, launchTemplateId };
}
