/**
 * The part of a technique question besides its request and resource, as decision caches key it
 * (request.ts, target-classes.ts): nested maps by request key, account and a number, so that no
 * text is built per pair.
 */

/**
 * What a technique question holds besides its request and resource: the resource's account
 * ('' when none) and, as one number, its resource policy (a number per policy object, 0 for
 * none) and mode. Decision caches key nested maps by these, so no text is built per pair.
 */
export interface QuestionSlot {
  account: string;
  policy: number;
}

/** The innermost map of a caller's decisions for one request and slot, made on first use. */
export function slotMap<T>(byRequest: Map<string, Map<string, Map<number, T>>>, request: string, slot: QuestionSlot, make: () => T): T {
  let byAccount = byRequest.get(request);
  if (!byAccount) byRequest.set(request, (byAccount = new Map()));
  let byPolicy = byAccount.get(slot.account);
  if (!byPolicy) byAccount.set(slot.account, (byPolicy = new Map()));
  let value = byPolicy.get(slot.policy);
  if (value === undefined) byPolicy.set(slot.policy, (value = make()));
  return value;
}
