/**
 * Members of a target group decided whole join the block their group's last member went into
 * without being decided (src/graph/techniques/block-forming.ts `addToGroupBlock`). One account
 * built to trap a careless shortcut: a caller's users fall into six conditional classes (one
 * Allow per name suffix, each under its own condition), interleaved by name, so that a caller
 * keeps more decision sets than the blocks it holds open and a group's block is closed before
 * the group's next member comes; a denied class between them; and a caller of three classes, whose
 * members join their class's open block. The step must draw exactly the reference path's edges, blocks and places.
 */
import { describe, expect, it } from 'vitest';
import { AccountBuilder } from '../../bench/generator/account.js';
import { allow, arn, deny, doc } from '../../bench/generator/documents.js';
import { TargetBlock } from '../../src/graph/target-block.js';
import { type TechniqueEdges } from '../../src/graph/techniques/index.js';
import { loadRules } from '../../src/rules/index.js';
import { loadedAccounts, techniqueStep, stepView } from '../support/technique-step.js';

const rules = loadRules();
const ACCOUNT = '121212343434';
const CREATED = '2024-01-01T00:00:00Z';
const SUFFIXES = ['a', 'b', 'c', 'd', 'e', 'f', 'x'];
const user = (name: string) => arn.user(ACCOUNT, name);

function account(): Record<string, unknown> {
  const b = new AccountBuilder(ACCOUNT, 'group-blocks', 'object');
  // One conditional class per suffix (its own source network), and none for x (denied).
  const classes = SUFFIXES.slice(0, 6).map((s, i) => allow(`Keys${s}`, 'iam:CreateAccessKey', user(`*-${s}`), { IpAddress: { 'aws:SourceIp': `10.${i}.0.0/16` } }));
  b.user({ name: 'caller', inline: { keys: doc(...classes) }, created: CREATED });
  // Every user, but the -c class denied: a failed group between open blocks.
  b.user({ name: 'fenced', inline: { keys: doc(...classes, deny('NoC', 'iam:CreateAccessKey', user('*-c'))) }, created: CREATED });
  // Three classes fit the open blocks: each class's members join one block.
  b.user({ name: 'three', inline: { keys: doc(...classes.slice(0, 3)) }, created: CREATED });
  for (let n = 0; n < 6; n++) for (const s of SUFFIXES) b.user({ name: `u${n}-${s}`, created: CREATED });
  return (b.build() as { iam: { AuthorizationDetails: Record<string, unknown> } }).iam.AuthorizationDetails;
}

const { input } = loadedAccounts('group-blocks', () => [account()]);

const step = (reference: boolean): TechniqueEdges => techniqueStep(input(), rules, reference);

describe('target groups decided whole, in blocks', () => {
  it('draw the reference path’s edges, blocks and places when blocks close between members', () => {
    const fast = step(false);
    const reference = step(true);
    expect(stepView(fast)).toEqual(stepView(reference));
  });

  it('give each class its blocks, closed and reopened in list order', () => {
    const blocks = step(false).blocks.filter((b): b is TargetBlock => b instanceof TargetBlock && b.data.identity.technique === 'iam-create-access-key' && b.data.from === user('caller'));
    // Six classes over four open blocks, interleaved: every class's block closes before its next member, so one block per member.
    expect(blocks.length).toBe(36);
    expect(blocks.flatMap((b) => b.data.targets).sort()).toEqual([...Array(6).keys()].flatMap((n) => SUFFIXES.slice(0, 6).map((s) => user(`u${n}-${s}`))).sort());
    const three = step(false).blocks.filter((b): b is TargetBlock => b instanceof TargetBlock && b.data.identity.technique === 'iam-create-access-key' && b.data.from === user('three'));
    expect(three.map((b) => b.data.targets)).toEqual(['a', 'b', 'c'].map((s) => [...Array(6).keys()].map((n) => user(`u${n}-${s}`))));
  });
});
