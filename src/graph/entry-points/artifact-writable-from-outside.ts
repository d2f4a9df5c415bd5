/**
 * Artifacts a served model or a recurring training job loads (model data, training code, a
 * container image) whose resource policy lets someone outside the accounts write them: anyone
 * (`Principal: "*"`) or an account outside the snapshot. The writer need not be an IAM principal
 * of the account: overwriting the artifact runs the writer's code as the consumer's role at the
 * next load, so the first hop goes from the outsider to the consumer, through the supply-chain
 * technique that proves it (rules with `relation: supply-chain`).
 */
import { accountRootArn } from '../../core/arn.js';
import type { RequestPrincipal } from '../../iam/index.js';
import type { TechniqueRule } from '../../rules/index.js';
import { hopConfidence } from '../confidence.js';
import { ATTACKER_CHOSEN, decideFromOutside, outsiderContext, provenanceOf, residualClauses } from '../decide.js';
import { nodeIds, type NodeAttrs, type Provenance } from '../schema.js';
import type { Candidate } from '../techniques/model.js';
import { supplyChainCandidates } from '../techniques/relations/supply-chain.js';
import { namedAwsPrincipals } from '../trust-principals.js';
import { detection, type Detection, type Detector, type EntryScope } from './detector.js';

/** The exposure classes of writers other than anyone (rules/scoring.yaml). */
const OUTSIDE_ACCOUNT = 'authenticated-outside-party';
const NETWORK_ADJACENT = 'network-adjacent';

/** One outside writer: its node, the request it sends, what the request context knows of it. */
interface Writer {
  node: string;
  attrs: NodeAttrs;
  request: RequestPrincipal;
  context: Record<string, string[] | null>;
  exposure?: string;
  principal?: string;
}

/** The outsiders a policy names for an action: anyone, and accounts (or their principals) outside the snapshot. */
function writersOf(scope: EntryScope, candidate: Candidate, action: string): Writer[] {
  const policy = candidate.target.artifact?.policy;
  if (!policy) return [];
  const partition = scope.facts.accounts.get(candidate.target.accountId)?.partition ?? 'aws';
  const out = new Map<string, Writer>();
  for (const named of namedAwsPrincipals(policy, action)) {
    if (named.type === 'anyone') {
      out.set(nodeIds.anonymous, { node: nodeIds.anonymous, attrs: { kind: 'anonymous', label: 'any AWS principal' }, request: { arn: '*', type: 'anonymous' }, context: outsiderContext() });
      continue;
    }
    if (scope.facts.accounts.has(named.accountId)) continue;
    const root = accountRootArn(named.accountId, partition);
    const arn = named.type === 'arn' ? named.pattern : root;
    const exact = named.type === 'arn' && !/[*?]/.test(arn);
    out.set(`${root}|${arn}`, {
      node: root,
      attrs: { kind: 'external-account', label: 'outside account', accountId: named.accountId },
      request: { arn, type: named.type === 'arn' ? (arn.includes(':user/') ? 'user' : 'role') : 'account', accountId: named.accountId },
      context: { ...ATTACKER_CHOSEN, 'aws:principalaccount': [named.accountId], ...(exact ? { 'aws:principalarn': [arn] } : {}) },
      exposure: OUTSIDE_ACCOUNT,
      principal: arn,
    });
  }
  return [...out.values()];
}

/** The rule's actions decided for one writer: artifact actions on the artifact with its policy, the others in the writer's own account. */
function decideWriter(scope: EntryScope, technique: TechniqueRule, candidate: Candidate, writer: Writer) {
  const caller = { request: writer.request, identity: scope.outsider, environment: scope.facts.environment };
  const artifact = candidate.target.artifact!;
  const decided: Array<{ action: string; resource: string; result: ReturnType<typeof decideFromOutside>['result']; network?: string[] }> = [];
  for (const required of technique.actions) {
    const onArtifact = required.on === 'artifact';
    // Other actions (ecr:GetAuthorizationToken) are asked of the writer's own account, which it controls.
    const resource = onArtifact ? artifact.arn : (required.arn ?? '*');
    const { exposure, result, network } = decideFromOutside({
      caller,
      action: required.action,
      resource,
      ...(onArtifact ? { resourceAccount: artifact.accountId ?? candidate.target.accountId, resourcePolicy: artifact.policy!, mode: 'required' as const } : {}),
      context: writer.context,
    });
    if (exposure === 'none') return undefined;
    decided.push({ action: required.action, resource, result, ...(network ? { network } : {}) });
  }
  return decided;
}

/** First hops of one supply-chain technique from the outsiders that may write a consumer's artifact. */
function writerHops(scope: EntryScope, found: Detection, entryPoint: string, technique: TechniqueRule): void {
  const probe = technique.actions.find((a) => a.on === 'artifact');
  if (!probe) return;
  for (const candidate of supplyChainCandidates(scope.facts, technique)) {
    for (const writer of writersOf(scope, candidate, probe.action)) {
      const decided = decideWriter(scope, technique, candidate, writer);
      if (!decided) continue;
      const conditional = decided.some((d) => d.result.decision === 'conditional');
      const network = [...new Set(decided.flatMap((d) => d.network ?? []))];
      const provenance: Provenance[] = [...decided.flatMap((d) => provenanceOf(d.result, d.action, d.resource)), ...(candidate.target.evidence ?? [])];
      const exposure = network.length ? NETWORK_ADJACENT : writer.exposure;
      found.nodes.push([writer.node, writer.attrs]);
      found.edges.put(writer.node, candidate.node, {
        kind: 'escalation',
        technique: technique.id,
        entryPoint,
        actions: decided.map((d) => d.action),
        provenance,
        conditional,
        confidence: hopConfidence(scope.rules.scoring, { conditional, deferred: technique.deferred, derived: technique.confidence === 'derived' }),
        ...(conditional ? { residual: [...new Set(decided.flatMap((d) => residualClauses(d.result)))].sort() } : {}),
        detail: { ...candidate.target.detail, ...(writer.principal ? { principal: writer.principal } : {}), ...(network.length ? { network: network.join('; ') } : {}) },
        ...(exposure ? { exposure } : {}),
      });
      found.entries.push({ node: writer.node, entryPoint });
    }
  }
}

/** outsider -> model or training job hops where an artifact it loads is writable from outside. */
export const artifactWritableFromOutside: Detector = (scope, rule) => {
  const found = detection(scope);
  for (const technique of scope.rules.techniques) {
    if (!technique.deprecated && technique.relation === 'supply-chain') writerHops(scope, found, rule.id, technique);
  }
  return found;
};
