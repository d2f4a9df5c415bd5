import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { mergeSnapshots, validateSnapshot, type Snapshot, type SnapshotSource } from '../../src/snapshot/index.js';

const snap = (data: Record<string, unknown>): Snapshot =>
  validateSnapshot({ schemaVersion: 1, collectedAt: '2025-01-01T00:00:00Z', tool: { name: 'blastpath', version: '0.1.0' }, accounts: [], ...data }, 't');

const lambda = (name: string) => ({
  Functions: [{ FunctionName: name, FunctionArn: `arn:aws:lambda:us-east-1:111111111111:function:${name}`, Role: 'arn:aws:iam::111111111111:role/r' }],
});

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

describe('mergeSnapshots', () => {
  const inputs: SnapshotSource[] = [
    {
      source: 'lambda.json',
      snapshot: snap({
        collectedAt: '2025-03-01T10:00:00+02:00',
        accounts: [{ accountId: '111111111111', regions: { 'us-east-1': { Lambda: lambda('f') } } }],
        coverage: [{ accountId: '111111111111', region: 'us-east-1', service: 'lambda', operation: 'ListFunctions', outcome: 'ok' }],
      }),
    },
    {
      source: 'sagemaker.json',
      snapshot: snap({
        collectedAt: '2025-03-01T09:00:00Z',
        accounts: [
          { accountId: '222222222222' },
          { accountId: '111111111111', regions: { 'us-east-1': { SageMaker: {} }, 'eu-west-1': { SageMaker: {} } } },
        ],
        coverage: [{ accountId: '111111111111', region: 'eu-west-1', service: 'sagemaker', operation: 'ListModels', outcome: 'denied' }],
      }),
    },
    {
      source: 'again.json',
      snapshot: snap({
        collectedAt: '2025-02-01T00:00:00Z',
        accounts: [{ accountId: '111111111111', alias: 'prod' }],
        coverage: [{ accountId: '111111111111', region: 'us-east-1', service: 'lambda', operation: 'ListFunctions', outcome: 'ok' }],
      }),
    },
  ];

  it('merges regions and sections of one account and sorts accounts', () => {
    const merged = mergeSnapshots(inputs);
    expect(merged.accounts.map((a) => a.accountId)).toEqual(['111111111111', '222222222222']);
    const account = merged.accounts[0]!;
    expect(account.alias).toBe('prod');
    expect(Object.keys(account.regions).sort()).toEqual(['eu-west-1', 'us-east-1']);
    expect(Object.keys(account.regions['us-east-1']!).sort()).toEqual(['Lambda', 'SageMaker']);
  });

  it('takes the latest collectedAt by instant, not by text', () => {
    // 10:00+02:00 is 08:00Z, earlier than 09:00Z.
    expect(mergeSnapshots(inputs).collectedAt).toBe('2025-03-01T09:00:00Z');
  });

  it('concatenates, de-duplicates and sorts coverage', () => {
    expect(mergeSnapshots(inputs).coverage.map((c) => `${c.region} ${c.service} ${c.outcome}`)).toEqual([
      'eu-west-1 sagemaker denied',
      'us-east-1 lambda ok',
    ]);
  });

  it('is the same for every order of its inputs', () => {
    const expected = JSON.stringify(mergeSnapshots(inputs));
    for (const order of permutations(inputs)) expect(JSON.stringify(mergeSnapshots(order))).toBe(expected);
  });

  it('names both sources, in a stable order, on a conflict', () => {
    const other: SnapshotSource = {
      source: 'b.json',
      snapshot: snap({ accounts: [{ accountId: '111111111111', regions: { 'us-east-1': { Lambda: lambda('g') } } }] }),
    };
    for (const order of permutations([inputs[0]!, other])) {
      const error = (() => {
        try {
          mergeSnapshots(order);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).where).toBe('b.json and lambda.json: account 111111111111: regions.us-east-1.Lambda');
    }
  });

  it('treats a different partition for the same account as a conflict', () => {
    const a = { source: 'a.json', snapshot: snap({ accounts: [{ accountId: '111111111111' }] }) };
    const b = { source: 'b.json', snapshot: snap({ accounts: [{ accountId: '111111111111', partition: 'aws-cn' }] }) };
    expect(() => mergeSnapshots([a, b])).toThrow(/account 111111111111: partition/);
  });

  it('keeps unread top-level fields only when the inputs agree', () => {
    const a = { source: 'a.json', snapshot: snap({ runId: 'x', host: 'ci' }) };
    const b = { source: 'b.json', snapshot: snap({ runId: 'y', host: 'ci' }) };
    const merged = mergeSnapshots([a, b]) as Record<string, unknown>;
    expect(merged['host']).toBe('ci');
    expect(merged).not.toHaveProperty('runId');
  });

  it('returns a single input unchanged apart from coverage order', () => {
    const only = inputs[1]!;
    const merged = mergeSnapshots([only]);
    expect(merged.accounts.map((a) => a.accountId)).toEqual(['111111111111', '222222222222']);
    expect(merged.tool).toEqual(only.snapshot.tool);
  });

  it('needs at least one input', () => {
    expect(() => mergeSnapshots([])).toThrow(InputError);
  });
});
