/**
 * Merging the top-level `organization` section: it comes from the input that has it (or from
 * several with the same content); two different organizations are a conflict naming both files.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { mergeSnapshots, validateSnapshot, type Snapshot } from '../../src/snapshot/index.js';

const organization = (id: string) => ({
  Organization: { Id: id, MasterAccountId: '999999999999' },
  Accounts: [{ Id: '111111111111', Parents: [{ Id: 'r-root', Type: 'ROOT' }] }],
});
const snap = (data: Record<string, unknown>): Snapshot =>
  validateSnapshot({ schemaVersion: 1, collectedAt: '2025-01-01T00:00:00Z', tool: { name: 'blastpath', version: '0.1.0' }, accounts: [], ...data }, 't');

describe('mergeSnapshots: organization', () => {
  it('takes the organization from the one input that has it', () => {
    const merged = mergeSnapshots([
      { source: 'iam.json', snapshot: snap({ accounts: [{ accountId: '111111111111' }] }) },
      { source: 'org.json', snapshot: snap({ organization: organization('o-aaaaaaaaaa') }) },
    ]);
    expect(merged.organization?.Organization.Id).toBe('o-aaaaaaaaaa');
    expect(merged.accounts.map((a) => a.accountId)).toEqual(['111111111111']);
  });

  it('accepts the same organization from several inputs', () => {
    const merged = mergeSnapshots([
      { source: 'a.json', snapshot: snap({ organization: organization('o-aaaaaaaaaa') }) },
      { source: 'b.json', snapshot: snap({ organization: organization('o-aaaaaaaaaa') }) },
    ]);
    expect(merged.organization?.Accounts.map((a) => a.Id)).toEqual(['111111111111']);
  });

  it('rejects two different organizations, naming both inputs, in any input order', () => {
    const a = { source: 'a.json', snapshot: snap({ organization: organization('o-aaaaaaaaaa') }) };
    const b = { source: 'b.json', snapshot: snap({ organization: organization('o-bbbbbbbbbb') }) };
    for (const list of [[a, b], [b, a]]) {
      expect(() => mergeSnapshots(list)).toThrow(InputError);
      expect(() => mergeSnapshots(list)).toThrow(expect.objectContaining({ where: 'a.json and b.json: organization' }));
    }
  });

  it('leaves the section out when no input has it', () => {
    expect(mergeSnapshots([{ source: 'a.json', snapshot: snap({}) }])).not.toHaveProperty('organization');
  });
});
