/**
 * Reading a blastpath JSON report (blastpath.findings/v1 or v2) back into findings, so `diff` can
 * compare against a report saved by an earlier run. Only fields the diff and the reports use are
 * checked; unknown fields and kinds are accepted, as the report's versioning rules promise.
 */
import { z } from 'zod';
import type { Finding } from '../../analyze/finding.js';
import { InputError } from '../../core/errors.js';
import { firstIssue } from '../../core/validation.js';

const Provenance = z.looseObject({
  policy: z.string(),
  policyKind: z.string(),
  statementIndex: z.number().int().optional(),
  sid: z.string().optional(),
  statementHash: z.string().optional(),
  action: z.string().optional(),
  resource: z.string().optional(),
  conditionKeys: z.array(z.string()).default([]),
  field: z.string().optional(),
});

const Edge = z.looseObject({
  from: z.string(),
  to: z.string(),
  kind: z.string(),
  access: z.string().optional(),
  technique: z.string().optional(),
  entryPoint: z.string().optional(),
  actions: z.array(z.string()).default([]),
  conditional: z.boolean().default(false),
  confidence: z.number().default(1),
  residual: z.array(z.string()).optional(),
  provenance: z.array(Provenance),
  detail: z.record(z.string(), z.string()).optional(),
});

const Node = z.looseObject({ id: z.string(), kind: z.string(), label: z.string(), accountId: z.string().optional(), flags: z.array(z.string()).optional() });

const ReportFinding = z.looseObject({
  id: z.string(),
  severity: z.enum(['critical', 'high', 'medium', 'low']),
  score: z.number(),
  factors: z.looseObject({}).default({}),
  entry: z.looseObject({ node: z.string(), label: z.string(), kind: z.string(), entryPoint: z.string(), title: z.string(), assumed: z.boolean().optional() }),
  target: z.looseObject({ node: z.string(), label: z.string(), kind: z.string(), impact: z.string(), title: z.string(), sensitivity: z.array(z.string()).default([]) }),
  path: z.looseObject({ nodes: z.array(Node), edges: z.array(Edge) }),
  techniques: z.array(z.string()).default([]),
  alternatives: z.number().int().default(0),
  alternativesCapped: z.boolean().default(false),
  residualConditions: z.array(z.string()).default([]),
});

const Report = z.looseObject({ schema: z.string().startsWith('blastpath.findings/'), findings: z.array(ReportFinding) });

/** True when parsed JSON looks like a blastpath findings report rather than a snapshot. */
export function isFindingsReport(data: unknown): boolean {
  return typeof data === 'object' && data !== null && typeof (data as { schema?: unknown }).schema === 'string' && (data as { schema: string }).schema.startsWith('blastpath.findings/');
}

/** The findings of a parsed report; throws InputError naming the file and field. */
export function findingsFromReport(data: unknown, file: string): Finding[] {
  const parsed = Report.safeParse(data);
  if (!parsed.success) {
    const { where, expected } = firstIssue(parsed.error);
    throw new InputError(`${file}: ${where}`, expected);
  }
  // Kinds are open enumerations in the report format; the diff treats them as opaque strings.
  return parsed.data.findings as unknown as Finding[];
}
