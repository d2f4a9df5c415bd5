/**
 * What removing statements does to a hop: each action of the hop is granted by the statements
 * of its provenance. A trust statement is required (the role's trust policy must allow), and of
 * the identity and resource statements one suffices; so an action falls when its trust
 * statements are all removed, or all its other statements are. A technique (escalation) needs
 * every one of its actions, so it falls when any action does; the actions of other hops may
 * stand in for each other (a function URL still opens, conditionally, on InvokeFunctionUrl
 * alone), so they fall only when every action does. Hops proven by configuration alone (a
 * workload's role) fall to no statement, except a credential held in configuration: deleting
 * the field that holds it removes the hop, so that field counts as a grant of its own.
 */
import type { EdgeAttrs, Provenance } from '../graph/index.js';
import { grantKey } from './finding-id.js';
import type { StatementIdentity } from './finding.js';

/** The statements behind one action of a hop, split by whether they are required. */
interface ActionGrants {
  trust: string[];
  other: string[];
}

/** Statement kinds a fix removes: the ones that grant (boundaries and SCPs only limit). */
const GRANTING = new Set<Provenance['policyKind']>(['identity', 'resource', 'trust']);

/**
 * Configuration a fix may delete: the fields that hold a credential, with the secret access key
 * beside a key id (the workload's role cannot simply go).
 */
function removableConfiguration(edge: EdgeAttrs): Provenance[] {
  if (edge.kind !== 'holds-credential') return [];
  const fields = edge.provenance.filter((p) => p.policyKind === 'configuration' && p.field !== undefined);
  const secretField = edge.detail?.['secretField'];
  const secret = secretField && fields[0] ? [{ ...fields[0], field: secretField }] : [];
  return [...fields, ...secret];
}

/** A configuration field's key, exact: grant keys fold list indexes, which would merge two variables of one list. */
const fieldKey = (p: Provenance) => `${p.policy}#field:${p.field ?? ''}`;

function grantsOf(edge: EdgeAttrs): ActionGrants[] {
  const fields = removableConfiguration(edge);
  // Every field that holds the credential must go: any one left still hands it over.
  if (fields.length > 0) return [{ trust: [], other: [...new Set(fields.map(fieldKey))].sort() }];
  return edge.actions.map((action) => {
    const granting = edge.provenance.filter((p) => p.action === action && GRANTING.has(p.policyKind));
    return {
      trust: [...new Set(granting.filter((p) => p.policyKind === 'trust').map(grantKey))].sort(),
      other: [...new Set(granting.filter((p) => p.policyKind !== 'trust').map(grantKey))].sort(),
    };
  });
}

/** The cheapest statement set that makes one action fall, or undefined when none can. */
function actionCut({ trust, other }: ActionGrants): string[] | undefined {
  const options = [trust, other].filter((o) => o.length > 0).sort((a, b) => a.length - b.length);
  return options[0];
}

const allRequired = (edge: EdgeAttrs) => edge.kind === 'escalation';

/** The cheapest statement set that removes the hop, or undefined when no statement can. */
export function cheapestCut(edge: EdgeAttrs): string[] | undefined {
  const cuts = grantsOf(edge).map(actionCut);
  if (cuts.length === 0) return undefined;
  if (allRequired(edge)) return cuts.filter((c): c is string[] => c !== undefined).sort((a, b) => a.length - b.length)[0];
  if (cuts.some((c) => c === undefined)) return undefined;
  return [...new Set(cuts.flatMap((c) => c!))].sort();
}

/** Whether the hop still holds once `removed` statements are gone. */
export function survives(edge: EdgeAttrs, removed: ReadonlySet<string>): boolean {
  const holds = grantsOf(edge).map(({ trust, other }) => (trust.length === 0 || trust.some((k) => !removed.has(k))) && (other.length === 0 || other.some((k) => !removed.has(k))));
  if (holds.length === 0) return true;
  return allRequired(edge) ? holds.every(Boolean) : holds.some(Boolean);
}

/** The identity of a statement by its grant key, from any provenance entry that names it. */
export function statementIdentities(edges: Iterable<EdgeAttrs>): Map<string, StatementIdentity & { statementIndex?: number }> {
  const out = new Map<string, StatementIdentity & { statementIndex?: number }>();
  for (const edge of edges) {
    for (const p of removableConfiguration(edge)) {
      if (!out.has(fieldKey(p))) out.set(fieldKey(p), { policy: p.policy, policyKind: p.policyKind, field: p.field! });
    }
    for (const p of edge.provenance) {
      if (!GRANTING.has(p.policyKind) || out.has(grantKey(p))) continue;
      out.set(grantKey(p), {
        policy: p.policy,
        policyKind: p.policyKind,
        ...(p.sid !== undefined ? { sid: p.sid } : {}),
        ...(p.statementHash !== undefined ? { statementHash: p.statementHash } : {}),
        ...(p.statementIndex !== undefined ? { statementIndex: p.statementIndex } : {}),
      });
    }
  }
  return out;
}
