/**
 * The demo's findings carry residual conditions where its policies have them: every
 * conditional edge names what must hold, every unconditional edge names nothing, and the
 * statements behind a conditional edge list the keys left open.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { BuiltGraph } from '../../src/graph/index.js';
import { edgeBetween, edgesOf, graphOf } from './helpers.js';

let built: BuiltGraph;
beforeAll(async () => {
  built = await graphOf('fixtures/demo');
});

describe('demo residuals', () => {
  it('marks an edge conditional exactly when it carries a residual', () => {
    const edges = (['can-assume', 'data-access', 'invoke', 'escalation', 'exposure'] as const).flatMap((kind) => edgesOf(built, kind));
    expect(edges.length).toBeGreaterThan(0);
    for (const { from, to, attrs } of edges) {
      expect(attrs.conditional, `${from} -> ${to}`).toBe((attrs.residual?.length ?? 0) > 0);
    }
  });

  it('carries the MFA condition of the break-glass trust policy', () => {
    const edge = edgeBetween(built, 'arn:aws:iam::111111111111:user/security-lead', 'arn:aws:iam::111111111111:role/break-glass-admin', 'can-assume');
    expect(edge?.attrs).toMatchObject({ conditional: true, residual: ['Bool aws:MultiFactorAuthPresent true'] });
    expect(edge!.attrs.provenance.map((p) => [p.policyKind, p.conditionKeys])).toEqual([['trust', ['aws:multifactorauthpresent']]]);
  });
});
