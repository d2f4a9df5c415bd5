/** Which edges realize an impact on a crown jewel, and which access they stand for. */
import type { CrownJewel, EdgeAttrs, ImpactAccess, NodeAttrs } from '../graph/index.js';

/** The access an edge into `target` realizes, or undefined when it is not a final hop. */
export function terminalAccess(edge: Pick<EdgeAttrs, 'kind' | 'access'>, target: NodeAttrs): ImpactAccess | undefined {
  if (edge.kind === 'data-access') return edge.access;
  if (edge.kind === 'invoke') return 'invoke';
  if (edge.kind === 'admin-equivalent') return 'admin';
  if (edge.kind === 'escalation' && target.kind === 'account-admin') return 'admin';
  // Holding or reading a configuration that holds a credential is reading the credential.
  if ((edge.kind === 'holds-credential' || edge.kind === 'escalation') && target.kind === 'credential') return 'read';
  return undefined;
}

/** The impact a final hop realizes on a crown jewel, if the jewel's rules give that access one. */
export function impactOf(edge: Pick<EdgeAttrs, 'kind' | 'access'>, target: NodeAttrs, jewel: CrownJewel | undefined) {
  const access = jewel && terminalAccess(edge, target);
  const impact = access ? jewel.impacts.get(access) : undefined;
  return access && impact ? { access, ...impact } : undefined;
}
