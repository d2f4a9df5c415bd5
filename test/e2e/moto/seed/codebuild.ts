/**
 * CodeBuild: one project that evaluates models, with a Hugging Face token in a PLAINTEXT
 * environment variable (the mistake) beside a SECRETS_MANAGER variable (the right way, a name).
 * The CI user may BatchGetProjects on it, so its key reaches the token (codebuild-read-project-credential).
 */
import { CodeBuildClient, CreateProjectCommand } from '@aws-sdk/client-codebuild';
import { roleArn, type SeedContext } from './clients.js';

/** The token planted in the project's environment: only its fingerprint may reach the snapshot. */
export const PLANTED_BUILD_TOKEN = 'hf_Bu1LdT0kEnNeverCollectedAbCdEfGh12';

/** The project's name. */
export const BUILD_PROJECT = 'model-eval';

/** Creates the project. */
export async function seedCodeBuild(context: SeedContext): Promise<void> {
  const codebuild = new CodeBuildClient(context.config);
  await codebuild.send(
    new CreateProjectCommand({
      name: BUILD_PROJECT,
      source: { type: 'S3', location: 'model-eval-sources/eval.zip' },
      artifacts: { type: 'NO_ARTIFACTS' },
      environment: {
        type: 'LINUX_CONTAINER',
        image: 'aws/codebuild/standard:7.0',
        computeType: 'BUILD_GENERAL1_SMALL',
        environmentVariables: [
          { name: 'HF_TOKEN', value: PLANTED_BUILD_TOKEN, type: 'PLAINTEXT' },
          { name: 'OPENAI_API_KEY', value: 'ci/openai/api-key', type: 'SECRETS_MANAGER' },
        ],
      },
      serviceRole: roleArn(context, 'report-role'),
    }),
  );
  codebuild.destroy();
}
