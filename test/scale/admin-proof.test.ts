/**
 * A changed caller's admin proof (src/graph/techniques/altered.ts): the admin probes are asked in
 * order until one is not allowed. A user joining a group that grants `*` on `*` is an
 * administrator only when every probe is allowed: here each of eight users denies itself one
 * probe's action (a user denying none is the control), so stopping after the first probe, or
 * proving with any probe allowed, gives an admin-equivalent proof where none holds.
 */
import { describe, expect, it } from 'vitest';
import { AccountBuilder } from '../../bench/generator/account.js';
import { allow, deny, doc } from '../../bench/generator/documents.js';
import { ADMIN_PROBES } from '../../src/graph/admin.js';
import { loadRules } from '../../src/rules/index.js';
import { loadedAccounts, placedEdges, techniqueStep } from '../support/technique-step.js';

const rules = loadRules();
const A = '121212121212';
const CREATED = '2024-01-01T00:00:00Z';

function account(): Record<string, unknown> {
  const b = new AccountBuilder(A, 'groups', 'object');
  b.group('admins', [b.aws('AdministratorAccess')]);
  const join = allow('Join', 'iam:AddUserToGroup', '*');
  b.user({ name: 'clean', inline: { join: doc(join) }, created: CREATED });
  for (const [i, action] of ADMIN_PROBES.entries()) b.user({ name: `deny-${i}`, inline: { join: doc(join, deny('NoProbe', action, '*')) }, created: CREATED });
  return (b.build() as { iam: { AuthorizationDetails: Record<string, unknown> } }).iam.AuthorizationDetails;
}

const { input } = loadedAccounts('admin-proof', () => [account()]);

describe('admin proof of a changed caller', () => {
  it('is admin-equivalent only when every admin probe is allowed', () => {
    const via = new Map<string, string | undefined>();
    for (const [, from, , attrs] of placedEdges(techniqueStep(input(), rules, false))) if (attrs.technique === 'iam-add-user-to-group') via.set(from.split('/').pop()!, attrs.detail?.via);
    expect(via.get('clean')).toBe('admin-equivalent');
    for (const i of ADMIN_PROBES.keys()) expect(via.get(`deny-${i}`), `deny-${i}`).not.toBe('admin-equivalent');
  });
});
