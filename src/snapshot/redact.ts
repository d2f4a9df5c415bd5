/**
 * Replaces every credential-looking configuration value in a snapshot with its marker and
 * lists what was found, so the graph can draw "holds a credential" edges without any stage
 * after this one ever holding a secret value.
 */
import { formatJsonPath } from '../core/errors.js';
import { compareStrings } from '../core/hash.js';
import { ACCESS_KEY_ID, unquote } from './credential-patterns.js';
import {
  credentialMarker,
  detectCredential,
  fingerprint,
  maskAccessKeyId,
  NameReadings,
  parseMarker,
  type CredentialKind,
  type CredentialMatch,
  type ParsedMarker,
} from './credentials.js';
import { redactScript } from './redact-scripts.js';
import { REDACTION_SITES, type CredentialResourceKind, type SiteBlock } from './redact-sites.js';
import type { Snapshot } from './schema.js';

export { CREDENTIAL_RESOURCE_KINDS, type CredentialResourceKind } from './redact-sites.js';

/** One credential found in a resource's configuration; the value itself is never kept. */
export interface DetectedCredential {
  accountId: string;
  region: string;
  resourceArn: string;
  resourceKind: CredentialResourceKind;
  /** Path of the value inside the resource, e.g. `Environment.Variables.AWS_ACCESS_KEY_ID`. */
  field: string;
  /** The variable or hyperparameter name. */
  variable: string;
  kind: CredentialKind;
  fingerprint: string;
  /** The access key id, for `aws-access-key-id`; mask it (maskAccessKeyId) wherever it is printed. */
  accessKeyId?: string;
}

/** A redacted copy of a snapshot and the credentials that were in it. */
export interface RedactionResult {
  snapshot: Snapshot;
  credentials: DetectedCredential[];
}

/**
 * A copy of a snapshot that shares every part it does not change: setting a value copies only
 * the objects on its path, each once. A snapshot of 50,000 resources with a handful of
 * credentials costs a handful of copies, not a deep clone.
 */
class CopyOnWrite<T extends object> {
  private readonly copies = new WeakSet<object>();
  readonly root: T;

  constructor(source: T) {
    this.root = this.copy(source);
  }

  private copy<O extends object>(value: O): O {
    const copy = (Array.isArray(value) ? [...value] : { ...value }) as O;
    this.copies.add(copy);
    return copy;
  }

  set(path: readonly PropertyKey[], value: unknown): void {
    let node = this.root as Record<PropertyKey, unknown>;
    for (const key of path.slice(0, -1)) {
      let child = node[key] as Record<PropertyKey, unknown>;
      if (!this.copies.has(child)) node[key] = child = this.copy(child);
      node = child;
    }
    node[path[path.length - 1]!] = value;
  }
}

/** Returns a copy with credentials replaced by markers (the input is not modified), and the sorted list of them. */
export function redactSnapshot(snapshot: Snapshot): RedactionResult {
  const copy = new CopyOnWrite(snapshot);
  const knownKeys = accessKeyIndex(snapshot);
  const credentials: DetectedCredential[] = [];
  const names = new NameReadings();
  const redactBlock = (block: SiteBlock, where: { accountId: string; region: string }, regionPath: PropertyKey[]) => {
    // An access key id in the same block makes a 40-character sibling its secret key.
    const paired = block.values.some(({ value }) => ACCESS_KEY_ID.test(unquote(value)));
    for (const { variable, value, path, field } of block.values) {
      const marker = parseMarker(unquote(value));
      const match = marker ? fromMarker(marker, knownKeys) : detectCredential(variable, value, { pairedWithAccessKeyId: paired, names });
      if (match === undefined) continue;
      if (!marker) copy.set([...regionPath, ...path], credentialMarker(match));
      credentials.push({ ...where, resourceArn: block.resourceArn, resourceKind: block.resourceKind, field: formatJsonPath(field), variable, ...match });
    }
  };

  snapshot.accounts.forEach((account, a) => {
    for (const [region, data] of Object.entries(account.regions)) {
      const where = { accountId: account.accountId, region };
      for (const scan of REDACTION_SITES) {
        for (const block of scan(data, where)) redactBlock(block, where, ['accounts', a, 'regions', region]);
      }
      // Lifecycle scripts hold shell text, not values: each is decoded and its assignments judged (redact-scripts.ts).
      (data.SageMaker?.NotebookInstanceLifecycleConfigs ?? []).forEach((config, c) => {
        const resourceArn = config.NotebookInstanceLifecycleConfigArn ?? lifecycleConfigArn(account.partition, region, account.accountId, config.NotebookInstanceLifecycleConfigName);
        for (const hook of ['OnCreate', 'OnStart'] as const) {
          (config[hook] ?? []).forEach((script, s) => {
            if (typeof script.Content !== 'string') return;
            const { content, found } = redactScript(script.Content, [hook, s, 'Content'], (marker) => fromMarker(marker, knownKeys));
            if (content !== script.Content) copy.set(['accounts', a, 'regions', region, 'SageMaker', 'NotebookInstanceLifecycleConfigs', c, hook, s, 'Content'], content);
            for (const f of found) credentials.push({ ...where, resourceArn, resourceKind: 'notebook-lifecycle-config', field: f.field, variable: f.variable, ...f.match });
          });
        }
      });
    }
  });
  return { snapshot: copy.root, credentials: credentials.sort(compareDetected) };
}

/** The ARN of a notebook lifecycle configuration, as SageMaker writes it (the name in lower case). */
export function lifecycleConfigArn(partition: string, region: string, accountId: string, name: string): string {
  return `arn:${partition}:sagemaker:${region}:${accountId}:notebook-instance-lifecycle-config/${name.toLowerCase()}`;
}

/** Access key ids the snapshot lists (ListAccessKeys), by fingerprint and by masked form. */
function accessKeyIndex(snapshot: Snapshot): { byFingerprint: Map<string, string>; byMask: Map<string, string[]> } {
  const byFingerprint = new Map<string, string>();
  const byMask = new Map<string, string[]>();
  for (const account of snapshot.accounts) {
    for (const key of account.iam?.AccessKeyMetadata ?? []) {
      byFingerprint.set(fingerprint(key.AccessKeyId), key.AccessKeyId);
      const mask = maskAccessKeyId(key.AccessKeyId);
      byMask.set(mask, [...new Set([...(byMask.get(mask) ?? []), key.AccessKeyId])]);
    }
  }
  return { byFingerprint, byMask };
}

/**
 * A marker that was already in the input. Its access key id is recovered from ListAccessKeys
 * data when the fingerprint (or, failing that, an unambiguous masked form) identifies it, so a
 * snapshot redacted at source still maps keys to users.
 */
function fromMarker(marker: ParsedMarker, keys: ReturnType<typeof accessKeyIndex>): CredentialMatch {
  const match: CredentialMatch = { kind: marker.kind, fingerprint: marker.fingerprint };
  if (marker.kind !== 'aws-access-key-id') return match;
  const byFingerprint = keys.byFingerprint.get(marker.fingerprint);
  const byMask = marker.maskedAccessKeyId === undefined ? undefined : keys.byMask.get(marker.maskedAccessKeyId);
  const id = byFingerprint ?? (byMask?.length === 1 ? byMask[0] : undefined);
  if (id !== undefined) match.accessKeyId = id;
  return match;
}

function compareDetected(a: DetectedCredential, b: DetectedCredential): number {
  return (
    compareStrings(a.accountId, b.accountId) ||
    compareStrings(a.region, b.region) ||
    compareStrings(a.resourceArn, b.resourceArn) ||
    compareStrings(a.field, b.field)
  );
}
