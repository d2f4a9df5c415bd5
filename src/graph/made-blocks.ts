/**
 * The blocks the technique step makes, and their plain data: a TargetBlock (one caller, many
 * targets) or a MergedEdge (many grants, one edge). Each is rebuilt from its data alone, so a
 * worker thread can send blocks back by structured clone (issue 20, item 4).
 */
import { MergedEdge, type MergedEdgeData } from './merged-edge.js';
import { TargetBlock, type TargetBlockData } from './target-block.js';

/** A block made by the technique step. */
export type MadeBlock = TargetBlock | MergedEdge;

/** A made block's plain data. */
export type BlockData = TargetBlockData | MergedEdgeData;

/** Rebuilds a block from its data (as sent between threads): a merged edge names its one node. */
export function blockFromData(data: BlockData): MadeBlock {
  return 'to' in data ? new MergedEdge(data) : new TargetBlock(data);
}
