/**
 * Ticket-ready findings on the real demo: titles, the specific fix first, advice that fits the
 * path, routing keys, and a ticket key that survives a rewritten statement.
 */
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/analyze/finding.js';
import { findingId, ticketKey, ticketKeyOf } from '../../src/analyze/finding-id.js';
import { findingAccounts, findingRegions, ownerTags } from '../../src/analyze/routing.js';
import { findingsDocument } from '../../src/report/json.js';
import { adviceFor, ticketBook } from '../../src/report/ticket.js';
import { demoAnalyzed, demoContext } from '../gate/contexts.js';

const VENDOR = 'bp-844018ef94a23acc';
const PUBLIC_BUCKET = 'bp-ae89978b15706e70';

async function demoDoc() {
  return findingsDocument(await demoContext());
}

describe('ticket-ready findings (demo)', () => {
  it('every finding and root cause has a one-line title and a remediation that names its change first', async () => {
    const doc = await demoDoc();
    for (const f of doc.findings) {
      expect(f.title).not.toMatch(/\n/);
      expect(f.title.length).toBeLessThan(140);
      expect(f.remediation).toMatch(/^(Scope|Narrow|Change|Detach|Remove|Tighten) .+: closes \d+ paths?\./);
      expect(doc.rootCauses!.find((c) => c.id === f.rootCause)!.findings).toContain(f.id);
    }
    for (const c of doc.rootCauses!) {
      expect(c.title).not.toMatch(/\n/);
      expect(c.remediation).toMatch(/^(Scope|Narrow|Change|Detach|Remove|Tighten) .+: closes \d+ paths?\./);
      expect(c.pathsThrough).toBeGreaterThanOrEqual(c.findings.length);
    }
  });

  it('the vendor takeover: the statement to scope, in which policy, what it closes, then the deciding rule', async () => {
    const f = (await demoDoc()).findings.find((x) => x.id === VENDOR)!;
    expect(f.title).toBe('Full account takeover: outside account 999999999999 → admin of acme-ml-prod via iam-put-role-policy-self');
    expect(f.ruleId).toBe('iam-put-role-policy-self');
    expect(f.remediation).toMatch(/^Scope statement `SelfServiceBucketAccess` of inline policy `research` on role `acme-notebook-exec-role`: closes 1 path\. Remove iam:PutRolePolicy/);
    // Plumbing (assuming the vendor role) adds no advice of its own.
    expect(f.remediation).not.toContain('trust policies');
  });

  it('a root cause says what it is, not only its id', async () => {
    const doc = await demoDoc();
    const cause = doc.rootCauses!.find((c) => c.findings.length === 4)!;
    expect(cause.title).toBe('Can-assume sts-assume-role: user `data-sync-bot` → role `analytics-cross-account-reader`');
    // Cross-account: the caller's own statement closes the hop.
    expect(cause.remediation).toMatch(/^Scope statement `AssumeDataPlatformReader` of inline policy `data-sync` on user `data-sync-bot`: closes 4 paths\./);
  });

  it('advice fits the resource: a public bucket gets S3 advice, never Secrets Manager', async () => {
    const ctx = await demoContext();
    const f = (await demoDoc()).findings.find((x) => x.id === PUBLIC_BUCKET)!;
    expect(f.ruleId).toBe('resource-policy-public');
    expect(f.remediation).toContain('S3 Block Public Access');
    expect(f.remediation).not.toMatch(/Secrets Manager/i);
    // The same rule on a path to a secret gives the Secrets Manager advice.
    const { result } = await demoAnalyzed();
    const bucket = result.findings.find((x) => x.id === PUBLIC_BUCKET)!;
    const asSecret: Finding = { ...bucket, path: { ...bucket.path, nodes: bucket.path.nodes.map((n) => (n.id === bucket.target.node ? { ...n, kind: 'secret' } : n)) } };
    const docs = new Map(ctx.rules!.map((d) => [d.id, d]));
    expect(adviceFor('resource-policy-public', asSecret, docs)).toContain('BlockPublicPolicy');
    expect(adviceFor('resource-policy-public', asSecret, docs)).not.toContain('S3');
  });

  it('carries the routing keys: accounts, regions, owner tags of entry and target', async () => {
    const doc = await demoDoc();
    const { result } = await demoAnalyzed();
    for (const f of result.findings) {
      const j = doc.findings.find((x) => x.id === f.id)!;
      expect(j.accounts).toEqual(findingAccounts(f));
      expect(j.regions).toEqual(findingRegions(f));
      expect(j.ticketKey).toBe(ticketKeyOf(f));
    }
    const vendor = doc.findings.find((x) => x.id === VENDOR)!;
    expect(vendor.accounts).toEqual(['111111111111', '999999999999']);
    const chat = doc.findings.find((x) => x.entry.entryPoint === 'lambda-function-url-public' && x.target.label === 'acme-training-data-pii')!;
    // internet has no owner: the function it opens does.
    expect(chat.entry.ownerTags).toEqual({ owner: 'applied-ml' });
    expect(chat.target.ownerTags).toMatchObject({ owner: 'ml-platform' });
    expect(chat.regions).toEqual(['us-east-1']);
  });

  it('keeps only owner-like tags', () => {
    expect(ownerTags({ Owner: 'a', 'cost-center': 'b', CostCenter: 'c', team: 'd', host: 'x', note: 'y' })).toEqual({ CostCenter: 'c', Owner: 'a', 'cost-center': 'b', team: 'd' });
    expect(ownerTags({ host: 'x' })).toBeUndefined();
    expect(ownerTags(undefined)).toBeUndefined();
  });

  it('a rewritten statement with the same risk gets a new id and keeps its ticket key', async () => {
    const { result } = await demoAnalyzed();
    const f = result.findings.find((x) => x.id === VENDOR)!;
    const edges = f.path.edges.map((e) => ({ ...e, provenance: e.provenance.map((p) => (p.sid === 'SelfServiceBucketAccess' ? { ...p, sid: 'ResearchBuckets' } : p)) }));
    const parts = { entry: f.entry.node, entryPoint: f.entry.entryPoint, target: f.target.node, impact: f.target.impact };
    expect(findingId({ ...parts, edges })).not.toBe(f.id);
    expect(ticketKey(parts)).toBe(ticketKeyOf(f));
    expect(ticketKey({ ...parts, impact: 'C-DATA' })).not.toBe(ticketKeyOf(f));
  });

  it('ticket keys are unique within one analysis', async () => {
    const { result } = await demoAnalyzed();
    expect(new Set(result.findings.map(ticketKeyOf)).size).toBe(result.findings.length);
  });

  it('builds tickets for hand-built results without root causes, grouping them itself', async () => {
    const { result } = await demoAnalyzed();
    const book = ticketBook({ result: { findings: result.findings } });
    expect(book.causes.map((c) => c.id).sort()).toEqual(result.rootCauses!.map((c) => c.id).sort());
  });
});

describe('rule advice by kind of node', () => {
  it('names only node kinds of the graph', async () => {
    const { REMEDIATION_KINDS } = await import('../../src/rules/index.js');
    const { NODE_KINDS } = await import('../../src/graph/schema.js');
    for (const kind of REMEDIATION_KINDS) expect(NODE_KINDS).toContain(kind);
  });
});
