/**
 * Live collection: AWS accounts (and organizations) -> one validated, redacted Snapshot.
 * Collectors only collect; every call's outcome is a coverage record, so what could not be
 * seen is in the snapshot too. `writeSnapshot` stores the result atomically.
 */
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { compareStrings } from '../core/hash.js';
import { redactSnapshot, SCHEMA_VERSION, type DetectedCredential, type Snapshot } from '../snapshot/index.js';
import { TOOL_VERSION } from '../version.js';
import { collectAccount } from './account.js';
import { conformSnapshot } from './conform.js';
import { sharedCredentials } from './credentials.js';
import type { Rec } from './engine/descriptor.js';
import { Limiter } from './engine/limiter.js';
import { callerIdentity } from './identity.js';
import { resolveOptions, type CollectOptions } from './options.js';
import { accountTargets, collectOrganization } from './organization.js';
import { loadDescriptors, SERVICE_NAMES } from './registry.js';
import { startRun, type AccountTarget, type Run } from './run.js';
import { NOT_REQUESTED, NOT_SUPPORTED, UNSUPPORTED_SERVICES } from './scope.js';
import { redactLifecycleScripts } from './scripts.js';

export { CollectionInterrupted } from './engine/retry.js';
export { CollectionError } from './errors.js';
export type { CollectOptions } from './options.js';
export { formatProgressEvent, formatProgressLine, type ProgressEvent, type ProgressListener, type ProgressState } from './progress.js';
export { COLLECTORS, loadDescriptors, SERVICE_NAMES, type ServiceName } from './registry.js';
export { isOutOfScope } from './scope.js';
export { writeSnapshot } from './write.js';

/** A finished run: the snapshot (validated, redacted), the credentials found in it, and counts. */
export interface CollectResult {
  snapshot: Snapshot;
  credentials: DetectedCredential[];
  stats: { calls: number; gaps: number; accounts: number; durationMs: number };
}

/** Collects every selected service of every selected account. Rejects only when the run cannot start or is interrupted. */
export async function collect(options: CollectOptions = {}): Promise<CollectResult> {
  const started = Date.now();
  const resolved = resolveOptions(options);
  const run = startRun(resolved, await loadDescriptors(resolved.services));
  try {
    const credentials = sharedCredentials(resolved.credentials ?? fromNodeProviderChain(resolved.profile ? { profile: resolved.profile } : {}));
    const caller = await callerIdentity(run, credentials);
    const org = resolved.services.includes('organizations') ? await collectOrganization(run, caller) : {};
    const targets = await accountTargets(run, caller, org.memberIds);
    const accountSlots = new Limiter(resolved.accountConcurrency);
    const accounts = await Promise.all(targets.map((target) => accountSlots.run(() => collectAccount(run, target))));
    recordNotRequested(run, caller, targets);
    const raw: Rec = {
      schemaVersion: SCHEMA_VERSION,
      collectedAt: new Date().toISOString(),
      tool: { name: 'blastpath', version: TOOL_VERSION },
      accounts: accounts.sort((a, b) => compareStrings(String(a['accountId']), String(b['accountId']))),
      ...(org.organization ? { organization: org.organization } : {}),
    };
    redactLifecycleScripts(raw);
    const validated = conformSnapshot(raw, run, caller.accountId);
    validated.coverage = run.coverage.records();
    const { snapshot, credentials: found } = redactSnapshot(validated);
    const gaps = snapshot.coverage.filter((record) => record.outcome !== 'ok').length;
    return { snapshot, credentials: found, stats: { calls: run.progress.snapshot().calls, gaps, accounts: accounts.length, durationMs: Date.now() - started } };
  } finally {
    run.engine.settings.clients.destroyAll();
  }
}

/**
 * Services left out with `--services`, and sections no collector fills, are recorded as not
 * collected, so reports say what was not seen.
 */
function recordNotRequested(run: Run, caller: AccountTarget, targets: readonly AccountTarget[]): void {
  const skipped = SERVICE_NAMES.filter((service) => !run.options.services.includes(service));
  for (const target of targets) {
    for (const service of skipped) {
      if (service === 'organizations' && target.accountId !== caller.accountId) continue;
      run.coverage.recordGap({ accountId: target.accountId, service }, '*', 'not-collected', NOT_REQUESTED);
    }
    for (const service of UNSUPPORTED_SERVICES) run.coverage.recordGap({ accountId: target.accountId, service }, '*', 'not-collected', NOT_SUPPORTED);
  }
}
