/**
 * The read-only proof: docs/blastpath-readonly-policy.json lists exactly the IAM actions the
 * code can call, every one of them is a read or list action in the AWS action catalog, and no
 * action that reads data (secret values, parameters, objects, decryption) is among them.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareStrings } from '../../src/core/hash.js';
import { catalogAction } from '../../src/iam/catalog.js';
import { actionFor, NEVER } from './actions.js';

const policy = JSON.parse(readFileSync('docs/blastpath-readonly-policy.json', 'utf8')) as { Statement: Array<{ Sid: string; Action: string[] }> };
const granted = policy.Statement.flatMap((s) => s.Action).sort(compareStrings);

/** Calls made by a credential provider rather than a command: assuming `--org-role` in members. */
const IMPLICIT = [{ action: 'sts:AssumeRole', madeBy: 'fromTemporaryCredentials', reason: 'obtains credentials for the member role; changes nothing' }];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const sources = sourceFiles('src').map((file) => ({ file, text: readFileSync(file, 'utf8') }));

/** Every `XCommand` imported from an `@aws-sdk/client-*` package anywhere in src/, as `package:Operation`. */
function importedCommands(): string[] {
  const found = new Set<string>();
  const imports = /import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'@aws-sdk\/client-([a-z0-9-]+)'/g;
  for (const { text } of sources) {
    for (const match of text.matchAll(imports)) {
      for (const part of (match[1] ?? '').split(',')) {
        const name = part.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0] ?? '';
        if (name.endsWith('Command')) found.add(`${match[2]}:${name.slice(0, -'Command'.length)}`);
      }
    }
  }
  return [...found].sort(compareStrings);
}

describe('the read-only policy', () => {
  const commands = importedCommands();
  const used = [...new Set([...commands.map((c) => actionFor(c.split(':')[0]!, c.split(':')[1]!)), ...IMPLICIT.map((i) => i.action)])].sort(compareStrings);

  it('finds the commands it checks (the scan is not vacuous)', () => {
    expect(commands).toEqual(expect.arrayContaining(['iam:GetAccountAuthorizationDetails', 's3:GetBucketPolicy', 'organizations:ListPolicies', 'bedrock-agent:GetAgent']));
    expect(commands.length).toBeGreaterThan(80);
  });

  it('no code hides commands from the scan behind a namespace import', () => {
    const namespaced = sources.filter(({ text }) => /import\s+\*\s+as\s+\w+\s+from\s+'@aws-sdk\/client-/.test(text)).map(({ file }) => file);
    expect(namespaced).toEqual([]);
  });

  it('lists exactly the actions the code uses', () => {
    expect(granted).toEqual(used);
  });

  it('implicit calls come from the credential provider the code really uses', () => {
    for (const { madeBy } of IMPLICIT) expect(sources.some(({ text }) => text.includes(`${madeBy}(`))).toBe(true);
  });

  it.each(granted.map((action) => [action]))('%s is a read or list action', (action) => {
    const entry = catalogAction(action);
    expect(entry, `${action} is not in the AWS action catalog`).toBeDefined();
    const exception = IMPLICIT.find((i) => i.action === action);
    if (exception) return;
    expect(entry!.accessLevels.every((level) => level === 'read' || level === 'list')).toBe(true);
  });

  it('never includes an action that reads data or secrets', () => {
    expect(granted.filter((action) => NEVER.includes(action))).toEqual([]);
    expect(used.filter((action) => NEVER.includes(action))).toEqual([]);
  });
});
