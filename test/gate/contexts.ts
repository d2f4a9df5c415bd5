/** The real demo, analyzed once per test file, and report contexts built from it. */
import { analyzeInputs, ruleDocs, type Analyzed } from '../../src/pipeline.js';
import type { GateOutcome } from '../../src/gate/index.js';
import type { ReportContext } from '../../src/report/index.js';

let demo: Promise<Analyzed> | undefined;

/** The demo's analysis (fixtures/demo, bundled rules). */
export function demoAnalyzed(): Promise<Analyzed> {
  demo ??= analyzeInputs({ inputs: ['fixtures/demo'] });
  return demo;
}

/** A report context for the demo, with rule help and, optionally, a gate outcome. */
export async function demoContext(gate?: GateOutcome): Promise<ReportContext> {
  const a = await demoAnalyzed();
  return { result: a.result, meta: a.meta, color: false, rules: ruleDocs(a.rules), ...(gate ? { gate } : {}) };
}
