/** blastpath's version, read once from package.json so there is one source of truth. */
import { readFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

/** The running blastpath version. */
export const TOOL_VERSION: string = manifest.version;
