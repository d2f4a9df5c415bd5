/**
 * Bedrock model invocation logging off in a Region of an account whose models are invoked:
 * some principal may invoke the account's foundation models (an invoke edge into
 * `bedrock:<account>`), or agents, knowledge bases or custom models live in that Region.
 * Regions whose setting was not read (not collected, or the call failed) are not claimed off.
 */
import { compareStrings } from '../../core/hash.js';
import { EdgeView } from '../../graph/edge-view.js';
import { nodeIds } from '../../graph/index.js';
import { nodeNames, type PostureCheckFn, type PostureHit } from '../finding.js';

export const bedrockInvocationLoggingOff: PostureCheckFn = ({ built, logging, findings }) => {
  const hits: PostureHit[] = [];
  // One view for every account: its block index by target is made once, not once per account.
  const edges = new EdgeView(built);
  for (const [accountId, account] of [...logging.accounts].sort(([a], [b]) => compareStrings(a, b))) {
    const models = nodeIds.foundationModels(accountId);
    const invokers = built.graph.hasNode(models)
      ? [...new Set(edges.inEdges(models, { kind: 'invoke' }).map((edge) => edge.from))].sort(compareStrings)
      : [];
    const off = [...account.invocationLogging].filter(([, state]) => state === 'off').map(([region]) => region).sort(compareStrings);
    const inUse = off.filter((region) => account.modelsInUse.has(region));
    if (off.length === 0 || (invokers.length === 0 && inUse.length === 0)) continue;
    const joined = findings.filter((f) => f.path.edges.some((e) => e.kind === 'invoke' && e.to === models)).map((f) => f.id);
    hits.push({
      accountId,
      subject: models,
      evidence: { regions: off, invokers, ...(inUse.length ? { modelsInUseIn: inUse } : {}) },
      findings: [...new Set(joined)].sort(compareStrings),
      fix: { action: 'enable-invocation-logging', target: accountId, regions: off },
      change: `Turn on Bedrock model invocation logging for account ${accountId} in ${off.join(', ')}${invokers.length ? ` (invoked there by ${nodeNames({ built }, invokers)})` : ''}.`,
    });
  }
  return hits;
};
