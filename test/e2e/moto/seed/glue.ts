/**
 * Glue: one ETL job with a Hugging Face token in its default arguments (the mistake; a Secrets
 * Manager reference read at run time is the right way). The CI user may GetJob on it, so its
 * key reaches the token (glue-read-job-credential).
 */
import { CreateJobCommand, GlueClient } from '@aws-sdk/client-glue';
import { roleArn, type SeedContext } from './clients.js';

/** The token planted in the job's arguments: only its fingerprint may reach the snapshot. */
export const PLANTED_JOB_TOKEN = 'hf_G1ueJ0bArgNeverCollectedQwErTy34';

/** The job's name. */
export const GLUE_JOB = 'feature-backfill';

/** Creates the job. */
export async function seedGlue(context: SeedContext): Promise<void> {
  const glue = new GlueClient(context.config);
  await glue.send(
    new CreateJobCommand({
      Name: GLUE_JOB,
      Role: roleArn(context, 'report-role'),
      Command: { Name: 'glueetl', ScriptLocation: 's3://etl-scripts/feature_backfill.py' },
      DefaultArguments: { '--hf_token': PLANTED_JOB_TOKEN, '--TempDir': 's3://etl-temp/backfill/' },
    }),
  );
  glue.destroy();
}
