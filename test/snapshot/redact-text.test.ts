import { describe, expect, it } from 'vitest';
import { fingerprint, redactText } from '../../src/snapshot/index.js';

const ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const marker = (kind: string, value: string) => `<redacted:${kind} ${fingerprint(value)}>`;

/** Text in, text out: exact expectations. */
const REDACTED: [label: string, input: string, output: string][] = [
  ['access key id is masked', `key ${ID} belongs to legacy-deployer`, 'key AKIA…MPLE belongs to legacy-deployer'],
  ['temporary key id is masked', 'ASIAXAMPLETEMPKEY123', 'ASIA…Y123'],
  [
    'secret key next to its access key',
    `aws_access_key_id=${ID}\naws_secret_access_key=${SECRET}`,
    `aws_access_key_id=AKIA…MPLE\naws_secret_access_key=${marker('aws-secret-access-key', SECRET)}`,
  ],
  ['secret key after the word secret', `"SecretAccessKey": "${SECRET}"`, `"SecretAccessKey": "${marker('aws-secret-access-key', SECRET)}"`],
  [
    'OpenAI key in prose',
    'the function holds sk-proj-FAKEfake0123FAKEfake4567FAKEfake89ab in OPENAI_API_KEY',
    `the function holds ${marker('openai-api-key', 'sk-proj-FAKEfake0123FAKEfake4567FAKEfake89ab')} in OPENAI_API_KEY`,
  ],
  [
    'Anthropic key',
    'sk-ant-api03-FAKEfakeFAKEfake0123456789-FAKEfake',
    marker('anthropic-api-key', 'sk-ant-api03-FAKEfakeFAKEfake0123456789-FAKEfake'),
  ],
  ['Hugging Face token', 'token=hf_FAKEfakeFAKEfakeFAKEfakeFAKEfakeAB;', `token=${marker('huggingface-token', 'hf_FAKEfakeFAKEfakeFAKEfakeFAKEfakeAB')};`],
  ['GitHub token', '"ghp_FAKEfakeFAKEfakeFAKEfakeFAKEfake0000"', `"${marker('github-token', 'ghp_FAKEfakeFAKEfakeFAKEfakeFAKEfake0000')}"`],
  [
    'GitHub fine-grained token',
    'github_pat_11FAKEFAKE0_FAKEfakeFAKEfakeFAKEfake',
    marker('github-token', 'github_pat_11FAKEFAKE0_FAKEfakeFAKEfakeFAKEfake'),
  ],
  ['Slack token', 'xoxb-000000000000-FAKEfakeFAKE', marker('slack-token', 'xoxb-000000000000-FAKEfakeFAKE')],
  [
    'password in a URL',
    'connects to postgres://app:FakePassw0rd@db.internal:5432/app',
    `connects to postgres://app:${marker('url-password', 'FakePassw0rd')}@db.internal:5432/app`,
  ],
  [
    'PEM block, escaped inside JSON',
    '{"key": "-----BEGIN PRIVATE KEY-----\\nMIIEFAKE\\n-----END PRIVATE KEY-----\\n"}',
    `{"key": "${marker('private-key', '-----BEGIN PRIVATE KEY-----\\nMIIEFAKE\\n-----END PRIVATE KEY-----')}\\n"}`,
  ],
  [
    'PEM block with real line breaks',
    'before\n-----BEGIN RSA PRIVATE KEY-----\nMIIEFAKE\nMORE\n-----END RSA PRIVATE KEY-----\nafter',
    `before\n${marker('private-key', '-----BEGIN RSA PRIVATE KEY-----\nMIIEFAKE\nMORE\n-----END RSA PRIVATE KEY-----')}\nafter`,
  ],
  [
    'PEM header without a footer',
    '"-----BEGIN EC PRIVATE KEY-----MHcCAQEEFAKE" and more',
    `"${marker('private-key', '-----BEGIN EC PRIVATE KEY-----MHcCAQEEFAKE')}" and more`,
  ],
];

/** Text that must come out exactly as it went in. */
const UNTOUCHED: [label: string, input: string][] = [
  ['role ARN', 'arn:aws:iam::123456789012:role/service-role/AmazonSageMaker-ExecutionRole-20240115T101500'],
  ['secret ARN', 'secret arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCd'],
  ['our 16-hex ids', 'finding 3f2a9c01d4e5b6a7 path 0123456789abcdef'],
  ['a marker', `<redacted:aws-access-key-id AKIA…MPLE ${fingerprint(ID)}>`],
  ['git SHA-1', `commit a94a8fe5ccb19ba61c4c0873d391e987982fbbd3 near ${'secret'}`],
  ['base64 policy text', 'eyJWZXJzaW9uIjoiMjAxMi0xMC0xNyIsIlN0YXRlbWVudCI6W3siRWZmZWN0IjoiQWxsb3ciLCJBY3Rpb24iOiIqIn1dfQ=='],
  ['40-character token far from any key or the word', `tag value AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCd`],
  ['S3 prefix that starts with sk-', 's3://models/sk-learn-classifier-version-2024/model.tar.gz'],
  ['URL without password', 'https://user@example.com/path and https://example.com:8443/x'],
  ['URL with a variable for the password', 'postgres://app:${DB_PASSWORD}@db:5432/app'],
  ['S3 URI with a random-looking key near a secret', 'secret s3://bucket/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCd'],
  ['user and role ids', 'AIDAQ3EGRZ7ALICE00001 AROAQ3EGRZ7SAGEMAKER1'],
  ['key id glued to more characters', 'XAKIAIOSFODNN7EXAMPLEX'],
];

describe('redactText', () => {
  it.each(REDACTED)('%s', (_label, input, output) => {
    expect(redactText(input)).toBe(output);
  });

  it.each(UNTOUCHED)('leaves %s alone', (_label, input) => {
    expect(redactText(input)).toBe(input);
  });

  it('is idempotent', () => {
    for (const [, input] of REDACTED) expect(redactText(redactText(input))).toBe(redactText(input));
  });

  it('redacts a whole report that mentions several secrets', () => {
    const report = JSON.stringify({
      findings: [{ id: '3f2a9c01d4e5b6a7', evidence: { AWS_ACCESS_KEY_ID: ID, AWS_SECRET_ACCESS_KEY: SECRET } }],
    });
    const out = redactText(report);
    expect(out).not.toContain(SECRET);
    expect(out).not.toContain(ID);
    expect(out).toContain('3f2a9c01d4e5b6a7');
    expect(JSON.parse(out).findings[0].evidence.AWS_ACCESS_KEY_ID).toBe('AKIA…MPLE');
  });
});
