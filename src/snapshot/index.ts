/**
 * The snapshot stage: the Snapshot type (format v1), its validator, merging of several inputs
 * and credential redaction. Everything downstream reads only what this module exports.
 */
export * from './schema.js';
export * from './schema-services.js';
export * from './schema-organization.js';
export * from './schema-containers.js';
export * from './schema-frontdoors.js';
export * from './schema-logging.js';
export { PolicyDocument, PolicyStatement, PrincipalBlock, ConditionBlock } from './policy-document.js';
export { validateSnapshot } from './validate.js';
export { mergeSnapshots, type SnapshotSource } from './merge.js';
export { compareCoverage } from './coverage.js';
export { deriveReason, reasonOf, reasonRank, withReason } from './coverage-reason.js';
export { describeGroup, groupGaps, listSome, partitionGaps, type GapGroup, type GapLike } from './coverage-groups.js';
export { snapshotJsonSchema } from './json-schema.js';
export { forEachPolicy, policyLocations, type LocationStep } from './policy-locations.js';
export {
  CREDENTIAL_KINDS,
  credentialMarker,
  detectCredential,
  fingerprint,
  maskAccessKeyId,
  parseMarker,
  redactValue,
  type CredentialKind,
  type CredentialMatch,
  type DetectOptions,
  type ParsedMarker,
} from './credentials.js';
export {
  CREDENTIAL_RESOURCE_KINDS,
  redactSnapshot,
  type CredentialResourceKind,
  type DetectedCredential,
  type RedactionResult,
} from './redact.js';
export { redactText, type RedactTextOptions } from './redact-text.js';
export { redactFreeText } from './redact-free-text.js';
export {
  ACCOUNT_REDACTION_DECISIONS,
  REDACTION_DECISIONS,
  SNAPSHOT_REDACTION_DECISIONS,
  type AccountSection,
  type RegionSection,
  type SnapshotSection,
} from './redact-sites.js';
