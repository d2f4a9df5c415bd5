/**
 * What the techniques add before crown jewels are found: the Bedrock bucket uses the
 * inventory does not derive (knowledge-base sources, the model-invocation log bucket), so
 * sensitivity rules can match them by `usedAs`, the foundation-model nodes, and the flag on
 * Lambda functions that Bedrock agents call as tools.
 */
import type { BuildContext } from '../context.js';
import { markAgentTools } from './agents.js';
import { s3Locations } from './locations.js';
import { addFoundationModelNodes } from './models.js';

/** Adds Bedrock bucket uses to the inventory's index. */
function addBedrockBucketUses(ctx: BuildContext): void {
  for (const location of s3Locations(ctx)) {
    if (location.use !== 'knowledge-base-source' && location.use !== 'model-invocation-logs') continue;
    const list = ctx.inventory.bucketUses.get(location.bucket) ?? [];
    if (list.some((u) => u.use === location.use && u.by === location.by)) continue;
    list.push({ use: location.use, by: location.by, field: location.field });
    ctx.inventory.bucketUses.set(location.bucket, list);
  }
}

/** Runs before findCrownJewels. */
export function prepareTechniques(ctx: BuildContext): void {
  addBedrockBucketUses(ctx);
  addFoundationModelNodes(ctx);
  markAgentTools(ctx);
}
