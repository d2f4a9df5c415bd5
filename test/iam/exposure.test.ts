/**
 * Network exposure of grants to everyone (src/iam/exposure.ts): a grant that holds only inside a
 * VPC, through a VPC endpoint or from private addresses is network-adjacent, not internet
 * exposure. Cases cite the IAM User Guide's global condition keys (the network keys are present
 * only for requests through a VPC endpoint; aws:SourceIp is then the private address) and the S3
 * User Guide's bucket policy examples (restricting access to a VPC endpoint or IP range).
 */
import { describe, expect, it } from 'vitest';
import { networkExposure, type ConditionBlockInput, type NetworkExposure, type PolicyStatementInput } from '../../src/iam/index.js';
import { ACCT, anonymous, OBJECT, resourcePolicy } from './helpers.js';

const NETWORK_KEYS = 'IAM User Guide: AWS global condition context keys (aws:SourceIp, aws:SourceVpc, aws:SourceVpce, aws:VpcSourceIp)';
const BUCKET_EXAMPLES = 'Amazon S3 User Guide: Controlling access from VPC endpoints with bucket policies; Bucket policy examples (IP addresses)';

const grant = (condition?: ConditionBlockInput): PolicyStatementInput => ({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*', ...(condition ? { Condition: condition } : {}) });
const denyUnless = (condition: ConditionBlockInput): PolicyStatementInput => ({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: condition });

const cases: Array<{ rule: string; title: string; statements: PolicyStatementInput[]; exposure: NetworkExposure; conditional?: boolean }> = [
  { rule: BUCKET_EXAMPLES, title: 'an unconditional grant to everyone is internet exposure', statements: [grant()], exposure: 'internet', conditional: false },
  { rule: BUCKET_EXAMPLES, title: 'a grant only through one VPC endpoint', statements: [grant({ StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } })], exposure: 'network-adjacent', conditional: true },
  { rule: BUCKET_EXAMPLES, title: 'a grant only from one VPC', statements: [grant({ StringEquals: { 'aws:SourceVpc': 'vpc-111bbb22' } })], exposure: 'network-adjacent', conditional: true },
  { rule: NETWORK_KEYS, title: 'a grant only from an RFC 1918 range', statements: [grant({ IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } })], exposure: 'network-adjacent' },
  { rule: NETWORK_KEYS, title: 'a grant only from several private ranges', statements: [grant({ IpAddress: { 'aws:SourceIp': ['172.16.0.0/12', '192.168.0.0/16'] } })], exposure: 'network-adjacent' },
  { rule: NETWORK_KEYS, title: 'a grant only from an IPv6 unique local range', statements: [grant({ IpAddress: { 'aws:SourceIp': 'fd12:3456:789a::/48' } })], exposure: 'network-adjacent' },
  { rule: NETWORK_KEYS, title: 'a grant only from a VPC source address', statements: [grant({ IpAddress: { 'aws:VpcSourceIp': '10.1.0.0/16' } })], exposure: 'network-adjacent' },
  { rule: BUCKET_EXAMPLES, title: 'a grant from a public office range stays internet exposure, conditional on the range', statements: [grant({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } })], exposure: 'internet', conditional: true },
  { rule: NETWORK_KEYS, title: 'a grant from a private and a public range reaches the internet', statements: [grant({ IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '198.51.100.0/24'] } })], exposure: 'internet' },
  { rule: NETWORK_KEYS, title: 'a block wider than a private range holds public addresses', statements: [grant({ IpAddress: { 'aws:SourceIp': '10.0.0.0/7' } })], exposure: 'internet' },
  { rule: NETWORK_KEYS, title: 'a grant to every address but the private ranges reaches the internet', statements: [grant({ NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] } })], exposure: 'internet' },
  { rule: BUCKET_EXAMPLES, title: 'a public grant fenced by a deny outside one VPC endpoint', statements: [grant(), denyUnless({ StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } })], exposure: 'network-adjacent' },
  { rule: BUCKET_EXAMPLES, title: 'a public grant fenced by a deny outside private ranges', statements: [grant(), denyUnless({ NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.0.0/16'] } })], exposure: 'network-adjacent' },
  { rule: NETWORK_KEYS, title: 'a grant either from a VPC endpoint or from anywhere reaches the internet', statements: [grant({ StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } }), grant({ Bool: { 'aws:SecureTransport': 'true' } })], exposure: 'internet' },
  { rule: NETWORK_KEYS, title: 'a grant pinned to the owner organization reaches nobody outside', statements: [grant({ StringEquals: { 'aws:PrincipalOrgID': 'o-abcdef1234' } })], exposure: 'none' },
];

describe('network exposure of grants to everyone', () => {
  it.each(cases)('$title', ({ rule, statements, exposure, conditional }) => {
    expect(rule.length).toBeGreaterThan(0);
    const result = networkExposure(
      { principal: anonymous, action: 's3:GetObject', resource: OBJECT, resourceAccount: ACCT, context: { 'aws:securetransport': ['true'], 'aws:principalorgid': null } },
      { identity: [], resource: resourcePolicy(...statements), resourcePolicyMode: 'required' },
    );
    expect(result.exposure).toBe(exposure);
    if (conditional !== undefined) expect(result.decision.decision).toBe(conditional ? 'conditional' : 'allowed');
  });
});
