/**
 * Facts about identities and their credentials that the graph does not carry (yet): access key
 * ages and last use, role session lengths, and the credential each entry starts from.
 */
export { readCredentialFacts, type AccessKeyFacts, type CredentialFacts } from './credentials.js';
export { CREDENTIAL_KINDS, entryCredential, type CredentialKind, type EntryCredential } from './lifetime.js';
