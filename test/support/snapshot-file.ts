/**
 * Hand-built snapshots for tests that run the real loader: one account's parts with GAAD's empty
 * lists filled in, and the document around accounts, so a test writes only what it is about.
 */
import { writeFileSync } from 'node:fs';

type Json = Record<string, unknown>;

/** What a test account holds: GAAD users and roles (the other GAAD lists stay empty), more IAM data, S3, regions. */
export interface AccountParts {
  users?: unknown[];
  roles?: unknown[];
  /** IAM data beside AuthorizationDetails (AccessKeyMetadata...). */
  iam?: Json;
  s3?: Json;
  regions?: Json;
}

/** One account of the `aws` partition in blastpath's snapshot format. */
export function testAccount(accountId: string, parts: AccountParts): Json {
  return {
    accountId,
    partition: 'aws',
    iam: { AuthorizationDetails: { UserDetailList: parts.users ?? [], GroupDetailList: [], Policies: [], RoleDetailList: parts.roles ?? [] }, ...parts.iam },
    ...(parts.s3 ? { s3: parts.s3 } : {}),
    regions: parts.regions ?? {},
  };
}

/** The snapshot document around `accounts`, collected at `collectedAt` (a fixed time by default). */
export function testSnapshot(accounts: Json[], collectedAt = '2025-06-01T12:00:00Z'): Json {
  return { schemaVersion: 1, collectedAt, tool: { name: 'blastpath', version: '0.1.0' }, accounts };
}

/** Writes a snapshot of `accounts`, collected at a fixed time, to `path`. */
export function writeTestSnapshot(path: string, accounts: Json[]): void {
  writeFileSync(path, JSON.stringify(testSnapshot(accounts)));
}
