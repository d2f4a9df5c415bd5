/**
 * The gate stage: baseline, suppressions and the CI decision, plus the causal diff between two
 * runs (src/gate/diff). Reads findings only; the CLI turns `GateOutcome.passed` into exit 1.
 *
 * Every command that analyzes gates the same way (analyze and scan do):
 *   addGateOptions(command)                          // src/cli/gate-flags.ts: the flags
 *   const gate = await gateOptionsFrom(flags, io);   // reads baseline and suppressions
 *   const run = await renderRun(analyzed, { format, color, ...(gate ? { gate } : {}) });
 *                                                    // src/pipeline.ts: applyGate, then the report
 *   write run.output; exitOnGate(run.gate);          // exit 1 after the report is written
 */
export { applyGate, atLeast } from './apply.js';
export { BASELINE_SCHEMA, baselineEntry, parseBaseline, renderBaseline } from './baseline.js';
export { DEFAULT_SUPPRESSIONS_FILE, loadGateOptions, parseDay, utcToday, type GateFileOptions } from './files.js';
export { isActive, parseSuppressions, suppresses } from './suppressions.js';
export type * from './types.js';
