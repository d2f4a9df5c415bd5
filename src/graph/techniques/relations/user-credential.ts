/** `user-credential`: actions on another IAM user of the account (a key, a password) -> that user, or `gain`. */
import type { Relation } from '../relation.js';
import { principalCandidates } from '../candidates.js';

/** Every user of the caller's account. */
export const userCredential: Relation = {
  derive: { by: 'caller', candidates: (run, rule, caller) => principalCandidates(run, rule, caller, 'user') },
};
