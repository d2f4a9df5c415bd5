/**
 * Entry points: where an outside attacker gets a foothold. Each rule in rules/entry-points
 * names a detector; detectors add the synthetic nodes and first hops they prove, and record
 * the entries the path search starts from.
 */
import { InputError } from '../../core/errors.js';
import type { BuildContext } from '../context.js';
import type { CrownJewel } from '../sensitivity.js';
import { detectPublicFunctionUrls } from './lambda-url.js';
import { detectPublicResources } from './public-resource.js';
import { detectTrustEntries } from './role-trust.js';

/** Options the user controls. */
export interface EntryOptions {
  /** ARNs the user declares compromised (`--from`). */
  whatIf?: string[];
}

function enabled(ctx: BuildContext, detector: string): boolean {
  return ctx.rules.entryPoints.some((rule) => rule.detector === detector && !rule.deprecated);
}

/** Users with an active long-lived access key; all users when keys were not collected. */
function detectAccessKeys(ctx: BuildContext): void {
  const withKeys = new Set(ctx.inventory.activeKeys.values());
  for (const principal of ctx.inventory.principals) {
    if (principal.kind !== 'user') continue;
    const keysKnown = ctx.inventory.accounts.get(principal.accountId)?.accessKeysKnown ?? false;
    if (withKeys.has(principal.arn)) ctx.entries.push({ node: principal.arn, entryPoint: 'iam-user-access-key' });
    else if (!keysKnown) ctx.entries.push({ node: principal.arn, entryPoint: 'iam-user-access-key', assumed: true });
  }
}

function addWhatIf(ctx: BuildContext, arns: string[]): void {
  for (const arn of arns) {
    if (!ctx.graph.hasNode(arn) || !['user', 'role', 'lambda-function', 'notebook-instance', 'model', 'training-job', 'processing-job', 'user-profile'].includes(ctx.graph.getNodeAttribute(arn, 'kind'))) {
      throw new InputError('--from', `${arn} is not a user, role or workload in the snapshot`);
    }
    ctx.entries.push({ node: arn, entryPoint: 'what-if' });
  }
}

/** Runs every enabled detector. Credential-in-configuration entries come with their edges. */
export function detectEntryPoints(ctx: BuildContext, jewels: Map<string, CrownJewel>, options: EntryOptions): void {
  if (enabled(ctx, 'lambda-function-url-public')) detectPublicFunctionUrls(ctx);
  if (enabled(ctx, 'resource-policy-public')) detectPublicResources(ctx, jewels);
  if (['role-trusts-anyone', 'role-trusts-external-account', 'oidc-trust-without-subject'].some((d) => enabled(ctx, d))) {
    detectTrustEntries(ctx);
  }
  if (enabled(ctx, 'iam-user-access-key')) detectAccessKeys(ctx);
  addWhatIf(ctx, options.whatIf ?? []);
}
