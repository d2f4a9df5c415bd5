/**
 * Facts about identities and their credentials that the graph does not carry (yet): access key
 * ages and last use, long-term Bedrock API keys, role session lengths, and the credential each
 * entry starts from.
 */
export { BEDROCK_SERVICE, readCredentialFacts, type AccessKeyFacts, type BedrockKeyFacts, type CredentialFacts } from './credentials.js';
export { bedrockKeyCredential, CREDENTIAL_KINDS, entryCredential, type CredentialKind, type EntryCredential } from './lifetime.js';
