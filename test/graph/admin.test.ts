/**
 * Admin-equivalence is computed from evaluation, never from policy names
 * (fixtures/iam/admin.snapshot.json): custom and inline grants that cover the catalog count;
 * NotAction carve-outs, boundaries, conditions and denies keep a principal from it.
 */
import { describe, expect, it } from 'vitest';
import { edgesOf, graphOf } from './helpers.js';

const ACCOUNT = '444444444444';

describe('admin-equivalent edges', () => {
  it('are drawn exactly for the principals that can do * on *', async () => {
    const built = await graphOf('fixtures/iam/admin.snapshot.json');
    const admins = edgesOf(built, 'admin-equivalent').map((e) => [e.from.split('/').pop(), e.to]);
    expect(admins.sort()).toEqual([
      ['inline-admin', `admin:${ACCOUNT}`],
      ['split-admin', `admin:${ACCOUNT}`],
    ]);
  });

  it('leave one-step self-grants to the technique edges, conditional where the grant is', async () => {
    const built = await graphOf('fixtures/iam/admin.snapshot.json');
    const selfGrants = edgesOf(built, 'escalation').filter((e) => e.to === `admin:${ACCOUNT}` && e.from.endsWith('/conditional-admin'));
    expect(selfGrants.map((e) => e.attrs.technique).sort()).toContain('iam-put-role-policy-self');
    for (const edge of selfGrants) expect(edge.attrs).toMatchObject({ conditional: true, residual: ['Bool aws:MultiFactorAuthPresent true'] });
  });
});
