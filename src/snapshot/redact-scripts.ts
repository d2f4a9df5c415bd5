/**
 * SageMaker notebook lifecycle scripts (base64 shell scripts, `OnCreate` / `OnStart`) are where
 * people paste keys: `export OPENAI_API_KEY=sk-...`. At load each script is decoded, every shell
 * assignment whose value looks like a credential (by its name and shape, as environment values
 * are judged) is replaced by its marker and listed, then anything else credential-shaped goes
 * through the free-text filter; the script is re-encoded only when something changed.
 */
import { formatJsonPath } from '../core/errors.js';
import { ACCESS_KEY_ID, unquote } from './credential-patterns.js';
import { credentialMarker, detectCredential, parseMarker, type CredentialMatch, type ParsedMarker } from './credentials.js';
import { redactText } from './redact-text.js';

/** One credential a script assigns: the variable, where it is, and what it is. */
export interface ScriptCredential {
  /** From the lifecycle configuration to the value: `OnStart[0].Content` and the variable. */
  field: string;
  variable: string;
  match: CredentialMatch;
}

/**
 * `export NAME=value`, `NAME="value"`, `NAME='value'`: one shell assignment per line. A marker a
 * collector already put there (it holds spaces) is one value.
 */
const ASSIGNMENT = /^(\s*(?:export\s+)?)([A-Za-z_][A-Za-z0-9_]*)=(<redacted:[^>\n]*>|"[^"\n]*"|'[^'\n]*'|[^\s;#]+)/gm;

/** The redacted script (base64, unchanged when nothing was found) and the credentials its assignments held. */
export function redactScript(content: string, field: readonly PropertyKey[], fromMarker: (marker: ParsedMarker) => CredentialMatch): { content: string; found: ScriptCredential[] } {
  const text = Buffer.from(content, 'base64').toString('utf8');
  const found: ScriptCredential[] = [];
  const values = [...text.matchAll(ASSIGNMENT)].map((m) => unquote(m[3]!));
  const paired = values.some((v) => ACCESS_KEY_ID.test(v));
  const assigned = text.replace(ASSIGNMENT, (whole, head: string, variable: string, raw: string) => {
    const value = unquote(raw);
    // Redacted at the source (collect): listed all the same, so the graph sees who holds it.
    const marker = parseMarker(value);
    if (marker) {
      found.push({ field: `${formatJsonPath(field)}:${variable}`, variable, match: fromMarker(marker) });
      return whole;
    }
    const match = detectCredential(variable, value, { pairedWithAccessKeyId: paired });
    if (!match) return whole;
    found.push({ field: `${formatJsonPath(field)}:${variable}`, variable, match });
    return `${head}${variable}=${credentialMarker(match)}`;
  });
  const redacted = redactText(assigned);
  return { content: redacted === text ? content : Buffer.from(redacted, 'utf8').toString('base64'), found };
}
