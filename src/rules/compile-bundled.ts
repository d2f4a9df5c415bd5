/**
 * Build step (`npm run build`): validates the bundled rules with the full loader and writes
 * their compiled form (./compiled.ts), so runs skip YAML parsing and validation.
 */
import { BUNDLED_RULES_DIR, parseRules } from './load.js';
import { COMPILED_RULES_FILE, writeCompiledRules } from './compiled.js';

writeCompiledRules(BUNDLED_RULES_DIR, parseRules(BUNDLED_RULES_DIR));
process.stderr.write(`rules: compiled ${BUNDLED_RULES_DIR} into ${COMPILED_RULES_FILE}\n`);
