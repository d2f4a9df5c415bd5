/**
 * Lambda: `chat-frontend` with a public function URL (auth NONE, and the public resource-policy
 * statement that makes it reachable) and a provider key planted in
 * its environment, and `nightly-report` without a URL. moto lacks ListFunctionUrlConfigs.
 */
import { AddPermissionCommand, CreateFunctionCommand, CreateFunctionUrlConfigCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { roleArn, type SeedContext } from './clients.js';

/** Function names. */
export const FUNCTIONS = { chat: 'chat-frontend', report: 'nightly-report' } as const;

/** An OpenAI-shaped key planted in the function's environment: it must never reach the snapshot. */
export const PLANTED_KEY = 'sk-proj-Mq7Zt2Lw9Kx4Rb8Vn1Yc6Hd3Jf5Gs0Pa';

/** An empty zip archive: moto stores code without running it. */
const EMPTY_ZIP = Buffer.from('504b0506000000000000000000000000000000000000', 'hex');

/** Creates the functions and the public URL. */
export async function seedLambda(context: SeedContext): Promise<void> {
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
  lambda.destroy();
}
