/** ARN parsing and construction; no knowledge of any one service beyond ARN syntax. */

/** The six fields of an ARN (`arn:partition:service:region:account:resource`). */
export interface Arn {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  resource: string;
}

/** Parses an ARN; returns undefined when the text is not one. */
export function parseArn(text: string): Arn | undefined {
  if (!text.startsWith('arn:')) return undefined;
  const parts = text.split(':');
  if (parts.length < 6) return undefined;
  const [, partition, service, region, accountId] = parts as [string, string, string, string, string];
  return { partition, service, region, accountId, resource: parts.slice(5).join(':') };
}

/** The account id in an ARN, or undefined for ARNs without one (S3 buckets, AWS managed policies). */
export function accountOfArn(text: string): string | undefined {
  const arn = parseArn(text);
  return arn && /^\d{12}$/.test(arn.accountId) ? arn.accountId : undefined;
}

/** `arn:<partition>:iam::<account>:root`, the ARN that stands for a whole account. */
export function accountRootArn(accountId: string, partition = 'aws'): string {
  return `arn:${partition}:iam::${accountId}:root`;
}

/** ARN of an S3 bucket (bucket ARNs carry neither region nor account). */
export function bucketArn(name: string, partition = 'aws'): string {
  return `arn:${partition}:s3:::${name}`;
}

/**
 * Splits `s3://bucket/prefix` into bucket and key prefix; undefined when not an S3 URI.
 */
export function parseS3Uri(uri: string): { bucket: string; key: string } | undefined {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri);
  return match ? { bucket: match[1]!, key: match[2]! } : undefined;
}
