/**
 * Which principals' identity policies could allow an action on a resource, answered from an
 * index instead of evaluating every principal. For each action, every identity Allow statement
 * that names it is filed under the literal prefix of each of its resource patterns (the text
 * before the first `*`, `?` or `${`); a resource is looked up by its own prefixes. The answer
 * is a superset of the principals the evaluator can allow through an identity policy: a glob
 * matches only text that starts with its literal prefix. Callers still decide each candidate.
 */
import { compileGlob, matchesPattern, mayAllowService, statementsForService, type CompiledStatement, type Matcher } from '../../iam/index.js';
import type { Principal } from './types.js';

/** Statements of one action, filed by resource prefix. */
interface ActionGrants {
  /** Principal indexes with a pattern that matches any resource (NotResource, `*`, `${...}`). */
  any: number[];
  byPrefix: Map<string, number[]>;
  /** Distinct prefix lengths, ascending: the only lengths worth looking up. */
  lengths: number[];
  /** Per principal index: its prefixes, or 'any'. */
  perPrincipal: Map<number, string[] | 'any'>;
}

/** The service prefix of a lower-cased action (`s3` of `s3:getobject`). */
export function serviceOf(action: string): string {
  const colon = action.indexOf(':');
  return colon < 0 ? action : action.slice(0, colon);
}

/** Does an Allow statement name this lower-cased action (ignoring resources and conditions)? */
function coversAction(statement: CompiledStatement, action: string, service: string): boolean {
  if (statement.effect !== 'Allow') return false;
  if (!statement.notAction && !statement.services.includes('*') && !statement.services.includes(service)) return false;
  const listed = statement.actions.some((pattern) => matchesPattern(pattern, action, { caseInsensitive: false }));
  return listed !== statement.notAction;
}

/** The text before the first wildcard or policy variable. */
function literalPrefix(pattern: string): string {
  let end = pattern.length;
  for (const mark of ['*', '?', '${']) {
    const at = pattern.indexOf(mark);
    if (at >= 0 && at < end) end = at;
  }
  return pattern.slice(0, end);
}

function emptyGrants(): ActionGrants {
  return { any: [], byPrefix: new Map(), lengths: [], perPrincipal: new Map() };
}

/** Files one principal's prefixes for an action. */
function file(grants: ActionGrants, index: number, prefixes: Set<string> | 'any'): void {
  if (prefixes === 'any') {
    grants.any.push(index);
    grants.perPrincipal.set(index, 'any');
    return;
  }
  grants.perPrincipal.set(index, [...prefixes]);
  for (const prefix of prefixes) {
    const list = grants.byPrefix.get(prefix);
    if (list) list.push(index);
    else grants.byPrefix.set(prefix, [index]);
  }
}

const ANY_RESOURCE: Matcher = () => true;
const NO_PREFIXES: readonly string[] = Object.freeze([]);

/** The compiled resource patterns of a caller's Allow statements for an action; `any` when one has NotResource. */
function allowPatternsOf(caller: Principal, action: string): Matcher[] | 'any' {
  const patterns: Matcher[] = [];
  const lower = action.toLowerCase();
  const service = serviceOf(lower);
  for (const policy of caller.identity) {
    for (const s of policy.statements) {
      if (!coversAction(s, lower, service)) continue;
      if (s.notResource) return 'any';
      for (const pattern of s.resources) patterns.push(pattern.includes('${') ? ANY_RESOURCE : compileGlob(pattern, false));
    }
  }
  return patterns;
}

/**
 * Identity grants of every principal of the facts, indexed per action (on first use) and
 * per account, since callers almost always ask about principals of one or a few accounts.
 */
export class GrantIndex {
  private readonly byAction = new Map<string, Map<string, ActionGrants>>();
  private readonly byService = new Map<string, readonly Principal[]>();
  private readonly indexOf: Map<Principal, number>;
  /** Visit marks for deduplication, stamped per query instead of cleared. */
  private readonly marks: Int32Array;
  private stamp = 0;
  /** The indexes marked by the current question, and their range. */
  private readonly taken: number[] = [];
  private low = Infinity;
  private high = -1;
  /** Per caller object: the resource patterns of its Allow statements, compiled, by lower-cased action (mayCover). */
  private readonly allowing = new WeakMap<Principal, Map<string, Matcher[] | 'any'>>();
  private readonly lowered = new Map<string, string>();

  constructor(private readonly principals: readonly Principal[]) {
    this.indexOf = new Map(principals.map((p, i) => [p, i]));
    this.marks = new Int32Array(principals.length);
  }

  /**
   * Principals with an Allow statement that can match some action of the (lower-cased) service,
   * in facts order: an action's grants are read from these only, through each one's
   * statements of the service.
   */
  principalsOfService(service: string): readonly Principal[] {
    let list = this.byService.get(service);
    if (!list) this.byService.set(service, (list = this.principals.filter((p) => mayAllowService(p.identity, service))));
    return list;
  }

  /** The action last asked about and its grants: callers ask about one action for many resources in a row. */
  private lastAction: string | undefined;
  private lastGrants: Map<string, ActionGrants> | undefined;

  /** The per-account grants of an action. */
  private grants(action: string): Map<string, ActionGrants> {
    if (action === this.lastAction) return this.lastGrants!;
    const byAccount = this.grantsOf(action);
    this.lastAction = action;
    this.lastGrants = byAccount;
    return byAccount;
  }

  private grantsOf(action: string): Map<string, ActionGrants> {
    const lower = action.toLowerCase();
    let byAccount = this.byAction.get(lower);
    if (byAccount) return byAccount;
    byAccount = new Map();
    const service = serviceOf(lower);
    for (const principal of this.principalsOfService(service)) {
      const index = this.indexOf.get(principal)!;
      // Built only for principals with a covering statement: most principals of a service have none for a given action.
      let prefixes: Set<string> | undefined;
      let any = false;
      for (const statement of statementsForService(principal.identity, service)) {
        if (!coversAction(statement, lower, service)) continue;
        if (statement.notResource) {
          any = true;
          continue;
        }
        for (const resource of statement.resources) {
          const prefix = literalPrefix(resource);
          if (prefix === '') any = true;
          else (prefixes ??= new Set()).add(prefix);
        }
      }
      if (!any && prefixes === undefined) continue;
      let grants = byAccount!.get(principal.accountId);
      if (!grants) byAccount!.set(principal.accountId, (grants = emptyGrants()));
      file(grants, index, any ? 'any' : prefixes!);
    }
    for (const grants of byAccount.values()) grants.lengths = [...new Set([...grants.byPrefix.keys()].map((p) => p.length))].sort((a, b) => a - b);
    this.byAction.set(lower, byAccount);
    return byAccount;
  }

  /**
   * Principals whose identity policies may allow `action` on `resource`, in facts order;
   * only those of `accountId` when given.
   */
  principalsFor(action: string, resource: string, accountId?: string): Principal[] {
    const byAccount = this.grants(action);
    const stamp = ++this.stamp;
    // Marks only: the answer is read back from the marks in index order (below).
    this.low = Infinity;
    this.high = -1;
    this.taken.length = 0;
    if (accountId === undefined) for (const grants of byAccount.values()) this.lookIn(grants, resource, stamp);
    else this.lookIn(byAccount.get(accountId), resource, stamp);
    const found: Principal[] = [];
    const taken = this.taken;
    if (taken.length === 0) return found;
    // Principals are in ARN order, so one account's are contiguous: walking the marked range is
    // linear where sorting the indexes taken would cost a copy and n log n per question.
    if (this.high - this.low < 8 * taken.length + 64) {
      for (let i = this.low; i <= this.high; i++) if (this.marks[i] === stamp) found.push(this.principals[i]!);
    } else {
      for (const i of [...taken].sort((a, b) => a - b)) found.push(this.principals[i]!);
    }
    return found;
  }

  /**
   * The longest filed prefix of `resource` among one account's grants of the action ('' when
   * none): principalsFor's answer for the account depends on the resource through it alone,
   * since every shorter filed prefix of the resource is a prefix of it too. Lets a caller reuse
   * one answer for every resource of a prefix (techniques/callers.ts).
   */
  longestPrefix(action: string, resource: string, accountId: string): string {
    const grants = this.grants(action).get(accountId);
    if (!grants) return '';
    for (let i = grants.lengths.length - 1; i >= 0; i--) {
      const length = grants.lengths[i]!;
      if (length > resource.length) continue;
      const prefix = resource.slice(0, length);
      if (grants.byPrefix.has(prefix)) return prefix;
    }
    return '';
  }

  /** Marks the principals of one account's grants whose prefixes start the resource. */
  private lookIn(grants: ActionGrants | undefined, resource: string, stamp: number): void {
    if (!grants) return;
    for (const index of grants.any) this.take(index, stamp);
    for (const length of grants.lengths) {
      if (length > resource.length) break;
      const list = grants.byPrefix.get(resource.slice(0, length));
      if (list) for (const index of list) this.take(index, stamp);
    }
  }

  private take(index: number, stamp: number): void {
    if (this.marks[index] === stamp) return;
    this.marks[index] = stamp;
    this.taken.push(index);
    if (index < this.low) this.low = index;
    if (index > this.high) this.high = index;
  }

  /**
   * False only when no identity statement of the caller can allow the action on this resource, so
   * an identity-only request is certainly denied: a cheap test before the evaluator on checks
   * repeated over every role or user of an account. Policy variables count as a possible match.
   * Works for any caller object, such as a principal evaluated with changed policies.
   */
  mayCover(caller: Principal, action: string, resource: string): boolean {
    const patterns = this.allowPatterns(caller, this.lowerCased(action));
    if (patterns === 'any') return true;
    // Plain loops: this runs for every candidate of every rule, and closures would allocate.
    for (const test of patterns) if (test(resource)) return true;
    return false;
  }

  /** Rule actions lower-cased once: they are a few hundred strings asked about millions of times. */
  private lowerCased(action: string): string {
    let lower = this.lowered.get(action);
    if (lower === undefined) this.lowered.set(action, (lower = action.toLowerCase()));
    return lower;
  }

  /**
   * The resource patterns of the caller's Allow statements that can match an action, compiled
   * once (a pattern with a policy variable matches anything); `any` when one has NotResource.
   */
  private allowPatterns(caller: Principal, action: string): Matcher[] | 'any' {
    let byAction = this.allowing.get(caller);
    if (!byAction) this.allowing.set(caller, (byAction = new Map()));
    let found = byAction.get(action);
    if (!found) {
      found = allowPatternsOf(caller, action);
      byAction.set(action, found);
    }
    return found;
  }

  /**
   * The resource prefixes mayAllow tests for `principal` and `action`: 'any' when every resource
   * passes, an empty list when none does. A resource passes exactly when it starts with one of
   * them, so a caller can visit only the resources of those prefixes in an ARN-sorted list.
   */
  prefixesOf(principal: Principal, action: string): readonly string[] | 'any' {
    const index = this.indexOf.get(principal);
    if (index === undefined) return 'any';
    return this.grants(action).get(principal.accountId)?.perPrincipal.get(index) ?? NO_PREFIXES;
  }

  /** Whether `principal`'s identity policies may allow `action` on `resource`. */
  mayAllow(principal: Principal, action: string, resource: string): boolean {
    const index = this.indexOf.get(principal);
    if (index === undefined) return true;
    const prefixes = this.grants(action).get(principal.accountId)?.perPrincipal.get(index);
    if (prefixes === undefined) return false;
    return prefixes === 'any' || prefixes.some((prefix) => resource.startsWith(prefix));
  }
}

