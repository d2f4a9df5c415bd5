/**
 * Members of a target group decided whole join the merged edge grant (or the block) their group's
 * last member went into without being decided (src/graph/techniques/block-forming.ts
 * `addToGroupMerge`, `addToGroupBlock`), and target numbers are read from arrays per candidate
 * list (target-classes.ts `ListNumbers`). One account built to trap a careless shortcut: a
 * caller's users and roles fall into six conditional classes (one Allow per name suffix, each under
 * its own condition), interleaved by name, so that a group's grant leaves the few a merged edge
 * looks back at before the group's next member comes; a caller inside its own class; a denied
 * class between them; a caller whose unconditional class settles its admin edge mid-list; a
 * caller whose grants select two ranges of one class (grant-ranges.ts); an administrator caller;
 * and roles with a permissions boundary between unbounded ones, so that one class's members go
 * to the account's admin node (through the target) and to the target itself. The step must draw
 * exactly the reference path's edges, blocks and places.
 */
import { describe, expect, it } from 'vitest';
import { AccountBuilder } from '../../bench/generator/account.js';
import { allow, arn, deny, doc, trust } from '../../bench/generator/documents.js';
import { MergedEdge } from '../../src/graph/merged-edge.js';
import { TargetBlock } from '../../src/graph/target-block.js';
import { type TechniqueEdges } from '../../src/graph/techniques/index.js';
import { loadRules } from '../../src/rules/index.js';
import { drawnPairs, loadedAccounts, stepView, techniqueStep } from '../support/technique-step.js';

const rules = loadRules();
const ACCOUNT = '565656787878';
const CREATED = '2024-01-01T00:00:00Z';
const SUFFIXES = ['a', 'b', 'c', 'd', 'e', 'f', 'x'];
const user = (name: string) => arn.user(ACCOUNT, name);
const role = (name: string) => arn.role(ACCOUNT, name);

function account(): Record<string, unknown> {
  const b = new AccountBuilder(ACCOUNT, 'group-merges', 'object');
  // One conditional class per suffix (its own source network), and none for x.
  const classes = SUFFIXES.slice(0, 6).map((s, i) => allow(`All${s}`, 'iam:*', [user(`*-${s}`), role(`*-${s}`)], { IpAddress: { 'aws:SourceIp': `10.${i}.0.0/16` } }));
  // In class a itself: never its own target.
  b.user({ name: 'caller-a', inline: { all: doc(...classes) }, created: CREATED });
  // The c class denied: a failed group between the others.
  b.user({ name: 'fenced', inline: { all: doc(...classes, deny('NoC', 'iam:*', [user('*-c'), role('*-c')])) }, created: CREATED });
  // Two conditional classes, then x unconditionally: the admin edge stands from the first x member on.
  b.user({ name: 'settles', inline: { all: doc(classes[0]!, classes[1]!, allow('Sure', 'iam:*', [user('*-x'), role('*-x')])) }, created: CREATED });
  // One class over two ranges of names (u1…, u3…; r1…, r3…): the ranges cut the class's run.
  b.user({ name: 'ranged', inline: { all: doc(allow('Few', 'iam:*', [user('u1*'), user('u3*'), role('r1*'), role('r3*')], { IpAddress: { 'aws:SourceIp': '10.9.0.0/16' } })) }, created: CREATED });
  // An administrator: its admin finding stands for these hops.
  b.user({ name: 'boss-a', inline: { all: doc(allow('All', '*', '*')) }, created: CREATED });
  for (let n = 0; n < 6; n++) {
    for (const s of SUFFIXES) {
      b.user({ name: `u${n}-${s}`, created: CREATED });
      // Every other role bounded: its takeover edge goes to the role, not the account's admin node.
      b.role({ name: `r${n}-${s}`, trust: trust.aws(arn.root(ACCOUNT)), ...(n % 2 ? { boundary: b.aws('PowerUserAccess') } : {}), created: CREATED });
    }
  }
  return (b.build() as { iam: { AuthorizationDetails: Record<string, unknown> } }).iam.AuthorizationDetails;
}

const { input } = loadedAccounts('group-merges', () => [account()]);

const steps = new Map<boolean, TechniqueEdges>();
/** The step on its fast path or (`reference`) pair by pair, once per file. */
const step = (reference: boolean): TechniqueEdges => {
  let found = steps.get(reference);
  if (!found) steps.set(reference, (found = techniqueStep(input(), rules, reference)));
  return found;
};

/** The merged edges a caller's technique drew. */
const merged = (found: TechniqueEdges, technique: string, caller: string) => found.blocks.filter((b): b is MergedEdge => b instanceof MergedEdge && b.data.identity.technique === technique && b.data.from === user(caller));

describe('target groups decided whole, in merged edges and blocks', () => {
  it('draw the reference path’s edges, blocks and places', () => {
    expect(stepView(step(false))).toEqual(stepView(step(true)));
  });

  it('cover every trap: grants made again once out of sight, through edges beside blocks, a settled edge, ranges, the caller and an admin', () => {
    const fast = step(false);
    // Six classes interleaved over the four grants a merged edge looks back at: one grant per
    // member, but boss-a's and u0-a's (class a, in a row).
    const [keys] = merged(fast, 'iam-attach-user-policy-create-access-key', 'caller-a');
    expect(keys!.data.targets).toEqual([user('boss-a'), ...[...Array(6).keys()].flatMap((n) => SUFFIXES.slice(0, 6).map((s) => user(`u${n}-${s}`)))]);
    expect(keys!.data.hop).toEqual([0, ...Array(36).keys()]);
    // Every grant passes through its own target: no list of throughs is kept.
    expect(keys!.data.throughs).toBeUndefined();
    // Bounded roles' edges are blocks of their own beside the merged edge to the admin node.
    const takeover = 'iam-attach-role-policy-update-trust';
    const bounded = fast.blocks.filter((b) => b instanceof TargetBlock && b.data.identity.technique === takeover && b.data.from === user('caller-a')).flatMap((b) => b.data.targets);
    expect(bounded.sort()).toEqual([1, 3, 5].flatMap((n) => SUFFIXES.slice(0, 6).map((s) => role(`r${n}-${s}`))).sort());
    expect([...merged(fast, takeover, 'caller-a')[0]!.data.targets].sort()).toEqual([0, 2, 4].flatMap((n) => SUFFIXES.slice(0, 6).map((s) => role(`r${n}-${s}`))).sort());
    // Fenced: no c member; settles: nothing after the first x member once the edge stands.
    expect(merged(fast, 'iam-attach-user-policy-create-access-key', 'fenced')[0]!.data.targets.filter((t) => t.endsWith('-c'))).toEqual([]);
    const settled = merged(fast, 'iam-attach-user-policy-create-access-key', 'settles')[0]!;
    expect(settled.data.targets).toEqual(['boss-a', 'caller-a', 'u0-a', 'u0-b', 'u0-x'].map(user));
    // Ranged: one grant for the two ranges' members, none between them.
    const [ranged] = merged(fast, 'iam-attach-user-policy-create-access-key', 'ranged');
    expect(ranged!.data.targets).toEqual([1, 3].flatMap((n) => SUFFIXES.map((s) => user(`u${n}-${s}`))));
    expect(ranged!.data.hops).toHaveLength(1);
    expect(drawnPairs(fast, 'iam-attach-user-policy-create-access-key').filter((p) => p.startsWith(`${user('boss-a')} `))).toEqual([]);
  });
});
