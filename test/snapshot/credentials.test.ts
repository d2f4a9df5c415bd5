import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  credentialMarker,
  detectCredential,
  fingerprint,
  maskAccessKeyId,
  parseMarker,
  redactValue,
  type CredentialKind,
} from '../../src/snapshot/index.js';

const ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

const DETECTED: [name: string, value: string, kind: CredentialKind][] = [
  ['AWS_ACCESS_KEY_ID', ACCESS_KEY_ID, 'aws-access-key-id'],
  ['ANY_NAME', 'ASIAXAMPLETEMPKEY123', 'aws-access-key-id'],
  ['CREDS', `${ACCESS_KEY_ID}:${SECRET_KEY}`, 'aws-access-key-id'],
  ['AWS_SECRET_ACCESS_KEY', SECRET_KEY, 'aws-secret-access-key'],
  ['aws_secret_key', SECRET_KEY, 'aws-secret-access-key'],
  ['OPENAI_API_KEY', 'sk-proj-FAKEfake0123FAKEfake4567FAKEfake89ab', 'openai-api-key'],
  ['LLM', 'sk-FAKEfake0123FAKEfake4567FAKEfake89abFAKEfake0123', 'openai-api-key'],
  ['ANTHROPIC_API_KEY', 'sk-ant-api03-FAKEfakeFAKEfake0123456789-FAKEfake', 'anthropic-api-key'],
  ['HF_TOKEN', 'hf_FAKEfakeFAKEfakeFAKEfakeFAKEfakeAB', 'huggingface-token'],
  ['hf_token', '"hf_FAKEfakeFAKEfakeFAKEfakeFAKEfakeCD"', 'huggingface-token'],
  ['GH', 'ghp_FAKEfakeFAKEfakeFAKEfakeFAKEfake0000', 'github-token'],
  ['GH_APP', 'ghs_FAKEfakeFAKEfakeFAKEfakeFAKEfake0000', 'github-token'],
  ['GH_OAUTH', 'gho_FAKEfakeFAKEfakeFAKEfakeFAKEfake0000', 'github-token'],
  ['GH_PAT', 'github_pat_11FAKEFAKE0_FAKEfakeFAKEfakeFAKEfake', 'github-token'],
  ['SLACK', 'xoxb-000000000000-000000000000-FAKEfakeFAKEfakeFAKEfake', 'slack-token'],
  ['SLACK_USER', 'xoxp-000000000000-000000000000-FAKEfake', 'slack-token'],
  ['KEY', '-----BEGIN RSA PRIVATE KEY-----\nMIIEFAKE\n-----END RSA PRIVATE KEY-----', 'private-key'],
  ['SSH', '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaFAKE\n', 'private-key'],
  ['DATABASE_URL', 'postgres://app:FakePassw0rd@db.internal:5432/app', 'url-password'],
  ['BROKER', 'amqps://user:hunter2hunter2@mq.example.com/vhost', 'url-password'],
  ['DB_PASSWORD', 'correct-horse-battery-staple', 'generic-secret'],
  ['dbPasswd', 'Tr0ub4dor&3', 'generic-secret'],
  ['client_secret', 'abc123def456ghi789', 'generic-secret'],
  ['AUTH_TOKEN', 'opaque-session-token-value', 'generic-secret'],
  ['WANDB_API_KEY', '0123456789abcdef0123456789abcdef01234567', 'generic-secret'],
  ['apiKey', 'k3y-for-the-weather-service', 'generic-secret'],
  ['SIGNING_PRIVATE_KEY', 'base64-encoded-material==', 'generic-secret'],
  ['AWS_BEARER_TOKEN_BEDROCK', 'ABSKQmVkcm9ja0FQSUtleS1GQUtF', 'generic-secret'],
  ['WEBHOOK_SECRET', 'https://hooks.example.com/services/T000/B000/FAKE', 'generic-secret'],
];

const NOT_DETECTED: [name: string, value: string][] = [
  ['DB_PASSWORD_SECRET_ARN', 'arn:aws:secretsmanager:us-east-1:111111111111:secret:prod/db-AbCdEf'],
  ['DB_PASSWORD', 'arn:aws:secretsmanager:us-east-1:111111111111:secret:prod/db-AbCdEf'],
  ['DB_PASSWORD', '{{resolve:secretsmanager:prod/db:SecretString:password}}'],
  ['API_KEY', '${OPENAI_API_KEY}'],
  ['API_KEY', '$OPENAI_API_KEY'],
  ['API_KEY', '/prod/inference/openai-key'],
  ['OPENAI_API_KEY', 'prod/inference/openai'],
  ['SECRET_NAME', 'prod/chat/db'],
  ['TOKEN_URL', 'https://auth.example.com/oauth2/token'],
  ['MAX_TOKENS', '4096'],
  ['TOKENIZER_NAME', 'cl100k_base'],
  ['pad_token', '"<|endoftext|>"'],
  ['max_new_tokens', '512'],
  ['PASSWORD', 'short'],
  ['PASSWORD', '********'],
  ['PASSWORD', '<your-password>'],
  ['ENABLE_TOKEN_AUTH', 'true'],
  ['TOKEN_TTL_SECONDS', '3600'],
  ['MODEL_BUCKET', 's3://sk-learn-models/sk-learn-classifier-v2/model'],
  ['GIT_COMMIT', 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3'],
  ['SECRET_KEY_CHECKSUM', 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3'],
  ['RANDOM_40', 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCd'],
  ['HF_MODEL_ID', 'meta-llama/Llama-3.1-8B-Instruct'],
  ['ENDPOINT', 'https://api.example.com/v1'],
  ['DATABASE_URL', 'postgres://app@db.internal:5432/app'],
  ['DATABASE_URL', 'postgres://app:${DB_PASSWORD}@db.internal:5432/app'],
  ['ROLE', 'arn:aws:iam::111111111111:role/AKIAIOSFODNN7EXAMPLX-role'.toLowerCase()],
  ['STRIPE_KEY', '<redacted:generic-secret sha256:0123456789ab>'],
];

const sha12 = (value: string) => `sha256:${createHash('sha256').update(value).digest('hex').slice(0, 12)}`;

describe('detectCredential', () => {
  it.each(DETECTED)('%s=%s is %s', (name, value, kind) => {
    const match = detectCredential(name, value);
    expect(match?.kind).toBe(kind);
    expect(match?.fingerprint).toBe(sha12(value));
  });

  it.each(NOT_DETECTED)('%s=%s is not a credential', (name, value) => {
    expect(detectCredential(name, value)).toBeUndefined();
  });

  it('keeps the access key id, and only for access key ids', () => {
    expect(detectCredential('X', ACCESS_KEY_ID)).toEqual({ kind: 'aws-access-key-id', fingerprint: sha12(ACCESS_KEY_ID), accessKeyId: ACCESS_KEY_ID });
    expect(detectCredential('CREDS', `${ACCESS_KEY_ID}:${SECRET_KEY}`)?.accessKeyId).toBe(ACCESS_KEY_ID);
    expect(detectCredential('AWS_SECRET_ACCESS_KEY', SECRET_KEY)).not.toHaveProperty('accessKeyId');
  });

  it('takes a 40-character value beside an access key id as its secret, whatever the name', () => {
    expect(detectCredential('SECOND', SECRET_KEY)).toBeUndefined();
    expect(detectCredential('SECOND', SECRET_KEY, { pairedWithAccessKeyId: true })?.kind).toBe('aws-secret-access-key');
  });
});

describe('markers', () => {
  it('have a fixed format; access key ids show only their first and last four characters', () => {
    expect(credentialMarker({ kind: 'aws-secret-access-key', fingerprint: 'sha256:1a2b3c4d5e6f' })).toBe(
      '<redacted:aws-secret-access-key sha256:1a2b3c4d5e6f>',
    );
    expect(redactValue('AWS_ACCESS_KEY_ID', ACCESS_KEY_ID)).toBe(`<redacted:aws-access-key-id AKIA…MPLE ${sha12(ACCESS_KEY_ID)}>`);
    expect(maskAccessKeyId(ACCESS_KEY_ID)).toBe('AKIA…MPLE');
    expect(fingerprint('x')).toBe(sha12('x'));
  });

  it('parse back, so redacting twice changes nothing', () => {
    for (const [name, value] of DETECTED) {
      const marker = redactValue(name, value);
      expect(marker).not.toContain(value);
      expect(redactValue(name, marker)).toBe(marker);
      const match = detectCredential(name, value)!;
      expect(parseMarker(marker)).toMatchObject({ kind: match.kind, fingerprint: match.fingerprint });
    }
  });

  it('parse the masked id of access key markers, including an ASCII ellipsis', () => {
    expect(parseMarker('<redacted:aws-access-key-id AKIA...MPLE sha256:0123456789ab>')).toEqual({
      kind: 'aws-access-key-id',
      fingerprint: 'sha256:0123456789ab',
      maskedAccessKeyId: 'AKIA…MPLE',
    });
  });

  it.each(['<redacted>', '<redacted:unknown-kind sha256:0123456789ab>', '<redacted:generic-secret sha256:XYZ>', 'plain'])(
    '%s is not a marker',
    (text) => expect(parseMarker(text)).toBeUndefined(),
  );

  it('leave non-credentials untouched', () => {
    expect(redactValue('LOG_LEVEL', 'info')).toBe('info');
  });
});
