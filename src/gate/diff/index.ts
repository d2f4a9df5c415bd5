/**
 * The causal diff: two sides (analyzed snapshots or saved JSON reports) in, opened / closed /
 * changed paths out, each opened path with the statement, trust policy, exposure or
 * configuration change that opened it.
 */
export { diffSides, pathCauses } from './diff.js';
export { sideFromGraph, type AnalyzedSideInput } from './from-graph.js';
export { findingsFromReport, isFindingsReport } from './report-side.js';
export { sideFromFindings } from './side.js';
export * from './types.js';
