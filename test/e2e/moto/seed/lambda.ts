/**
 * Lambda: `chat-frontend` with a public function URL (auth NONE, and the public resource-policy
 * statement that makes it reachable) and a provider key planted in
 * its environment, and `nightly-report` without a URL, fed by the SQS queue `report-jobs` through
 * an event source mapping. moto lacks ListFunctionUrlConfigs.
 */
import { AddPermissionCommand, CreateEventSourceMappingCommand, CreateFunctionCommand, CreateFunctionUrlConfigCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { roleArn, type SeedContext } from './clients.js';

/** Function names. */
export const FUNCTIONS = { chat: 'chat-frontend', report: 'nightly-report' } as const;

/** An OpenAI-shaped key planted in the function's environment: it must never reach the snapshot. */
export const PLANTED_KEY = 'sk-proj-Mq7Zt2Lw9Kx4Rb8Vn1Yc6Hd3Jf5Gs0Pa';

/** An empty zip archive: moto stores code without running it. */
const EMPTY_ZIP = Buffer.from('504b0506000000000000000000000000000000000000', 'hex');

/** Creates the functions, the public URL and the queue feeding `nightly-report`; returns the queue's ARN. */
export async function seedLambda(context: SeedContext): Promise<string> {
  const lambda = new LambdaClient(context.config);
  const base = { Runtime: 'python3.12' as const, Handler: 'app.handler', Code: { ZipFile: EMPTY_ZIP } };
  await lambda.send(
    new CreateFunctionCommand({ ...base, FunctionName: FUNCTIONS.chat, Role: roleArn(context, 'chat-frontend-role'), Environment: { Variables: { OPENAI_API_KEY: PLANTED_KEY, MODEL: 'gpt-4o' } } }),
  );
  await lambda.send(new CreateFunctionCommand({ ...base, FunctionName: FUNCTIONS.report, Role: roleArn(context, 'report-role') }));
  await lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: FUNCTIONS.chat, AuthType: 'NONE' }));
  // A NONE URL is reachable only with the public statement the console adds beside it.
  await lambda.send(
    new AddPermissionCommand({ FunctionName: FUNCTIONS.chat, StatementId: 'FunctionURLAllowPublicAccess', Action: 'lambda:InvokeFunctionUrl', Principal: '*', FunctionUrlAuthType: 'NONE' }),
  );
  // An existing stream or queue: a new function could be mapped onto it (lambda-create-function-existing-event-source).
  const sqs = new SQSClient(context.config);
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'report-jobs' }));
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  const queueArn = Attributes!['QueueArn']!;
  await lambda.send(new CreateEventSourceMappingCommand({ FunctionName: FUNCTIONS.report, EventSourceArn: queueArn }));
  sqs.destroy();
  lambda.destroy();
  return queueArn;
}
