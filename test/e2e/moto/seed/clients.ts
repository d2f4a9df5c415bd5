/** What every seeding module gets: where moto listens, and SDK client settings for it. */
import { MOTO_ACCOUNT, MOTO_CREDENTIALS } from '../../../support/moto.js';

/** The region everything is seeded in (and the only one the scan collects). */
export const REGION = 'us-east-1';

/** SDK client configuration pointing at moto. */
export interface SeedContext {
  config: { endpoint: string; region: string; credentials: typeof MOTO_CREDENTIALS; maxAttempts: number };
  account: string;
}

/** The context for moto at `endpoint`. */
export function seedContext(endpoint: string): SeedContext {
  return { config: { endpoint, region: REGION, credentials: MOTO_CREDENTIALS, maxAttempts: 2 }, account: MOTO_ACCOUNT };
}

/** `arn:aws:iam::<account>:role/<name>`. */
export function roleArn(context: SeedContext, name: string): string {
  return `arn:aws:iam::${context.account}:role/${name}`;
}

/** A policy document as IAM takes it. */
export function policy(...statements: object[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/** A trust policy for an AWS service principal. */
export function serviceTrust(service: string): string {
  return policy({ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' });
}
