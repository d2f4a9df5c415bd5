/**
 * Policy documents and ARNs as the generator writes them: small builders for statements and
 * trust policies, and the three encodings AWS uses for documents (decoded object as the AWS CLI
 * prints, URL-encoded JSON as GetAccountAuthorizationDetails returns, JSON text as S3 and
 * Lambda return).
 */

export const POLICY_VERSION = '2012-10-17';

type OneOrMany = string | string[];
/** Condition block: operator -> key -> value(s). */
export type Condition = Record<string, Record<string, OneOrMany | boolean>>;

/** One policy statement, as written in a document. */
export interface Statement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: '*' | { AWS?: OneOrMany; Service?: OneOrMany; Federated?: OneOrMany };
  Action?: OneOrMany;
  NotAction?: OneOrMany;
  Resource?: OneOrMany;
  NotResource?: OneOrMany;
  Condition?: Condition;
}

/** A policy document. */
export interface Document {
  Version: string;
  Id?: string;
  Statement: Statement[];
}

/** A document from statements. */
export function doc(...statements: Statement[]): Document {
  return { Version: POLICY_VERSION, Statement: statements };
}

/** An Allow statement; `sid` may be omitted with undefined, as console-written policies do. */
export function allow(sid: string | undefined, actions: OneOrMany, resources: OneOrMany, condition?: Condition): Statement {
  return { ...(sid ? { Sid: sid } : {}), Effect: 'Allow', Action: actions, Resource: resources, ...(condition ? { Condition: condition } : {}) };
}

/** A Deny statement. */
export function deny(sid: string | undefined, actions: OneOrMany, resources: OneOrMany, condition?: Condition): Statement {
  return { ...(sid ? { Sid: sid } : {}), Effect: 'Deny', Action: actions, Resource: resources, ...(condition ? { Condition: condition } : {}) };
}

/** ARNs of the resources the generator names. */
export const arn = {
  root: (account: string) => `arn:aws:iam::${account}:root`,
  role: (account: string, name: string, path = '/') => `arn:aws:iam::${account}:role${path}${name}`,
  user: (account: string, name: string) => `arn:aws:iam::${account}:user/${name}`,
  group: (account: string, name: string) => `arn:aws:iam::${account}:group/${name}`,
  policy: (account: string, name: string) => `arn:aws:iam::${account}:policy/${name}`,
  awsPolicy: (name: string, path = '/') => `arn:aws:iam::aws:policy${path}${name}`,
  bucket: (name: string) => `arn:aws:s3:::${name}`,
  objects: (name: string, prefix = '') => `arn:aws:s3:::${name}/${prefix}*`,
  fn: (account: string, region: string, name: string) => `arn:aws:lambda:${region}:${account}:function:${name}`,
  sageMaker: (account: string, region: string, kind: string, name: string) => `arn:aws:sagemaker:${region}:${account}:${kind}/${name}`,
  logs: (account: string, region: string, group: string) => `arn:aws:logs:${region}:${account}:log-group:${group}:*`,
  table: (account: string, region: string, name: string) => `arn:aws:dynamodb:${region}:${account}:table/${name}`,
  queue: (account: string, region: string, name: string) => `arn:aws:sqs:${region}:${account}:${name}`,
  topic: (account: string, region: string, name: string) => `arn:aws:sns:${region}:${account}:${name}`,
  ecr: (account: string, region: string, name: string) => `arn:aws:ecr:${region}:${account}:repository/${name}`,
  oidc: (account: string, host: string) => `arn:aws:iam::${account}:oidc-provider/${host}`,
  saml: (account: string, name: string) => `arn:aws:iam::${account}:saml-provider/${name}`,
};

export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';

/** Trust policies. */
export const trust = {
  service: (service: OneOrMany, condition?: Condition): Document =>
    doc({ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) }),
  aws: (principals: OneOrMany, condition?: Condition): Document =>
    doc({ Effect: 'Allow', Principal: { AWS: principals }, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) }),
  saml: (provider: string): Document =>
    doc({
      Effect: 'Allow',
      Principal: { Federated: provider },
      Action: ['sts:AssumeRoleWithSAML', 'sts:TagSession'],
      Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
    }),
  /** GitHub Actions federation; `subject` undefined leaves the role open to any repository. */
  github: (provider: string, subject: string | undefined): Document =>
    doc({
      Effect: 'Allow',
      Principal: { Federated: provider },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: { [`${GITHUB_OIDC_HOST}:aud`]: 'sts.amazonaws.com' },
        ...(subject ? { StringLike: { [`${GITHUB_OIDC_HOST}:sub`]: subject } } : {}),
      },
    }),
};

/** How a document is written into the snapshot. */
export type Encoding = 'object' | 'url' | 'json';

/** RFC 3986 percent-encoding of the JSON text, as GetAccountAuthorizationDetails returns it. */
function rfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A document in the given encoding. */
export function encode(document: Document, encoding: Encoding): Document | string {
  if (encoding === 'object') return document;
  const text = JSON.stringify(document);
  return encoding === 'url' ? rfc3986(text) : text;
}
