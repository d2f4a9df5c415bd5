/**
 * Answers one operation from the recordings: picks the response for the requested resource,
 * pages listings with opaque tokens, and answers STS from the world's identities.
 */
import { OPERATIONS, type AwsError, type Operation } from './operations.js';
import { getPath, recordingFor, setPath, type World } from './world.js';

/** A body to send, or an error. */
export type Answer = { body: unknown } | { error: AwsError };

/** Who a request signs as. */
export interface Identity {
  account: string;
  arn: string;
}

/** Page tokens carry the next offset; base64 so they need URL encoding like AWS's do. */
export function encodeToken(offset: number): string {
  return Buffer.from(`offset=${offset};`).toString('base64');
}

/** The offset in a token (0 for none or one this server did not make). */
export function decodeToken(token: unknown): number {
  if (typeof token !== 'string' || token === '') return 0;
  const match = /^offset=(\d+);$/.exec(Buffer.from(token, 'base64').toString('utf8'));
  return match ? Number(match[1]) : 0;
}

/** The page a request asks for (1-based), for fault matching. */
export function pageOf(operation: Operation | undefined, params: Record<string, unknown>, pageSize: number): number {
  const tokenIn = operation?.list?.tokenIn;
  return tokenIn ? Math.floor(decodeToken(params[tokenIn]) / pageSize) + 1 : 1;
}

/** Answers a recorded operation for `identity` in `region`. */
export function answerOperation(world: World, request: { service: string; operation: string; region: string; params: Record<string, unknown> }, identity: Identity, pageSize: number): Answer {
  const operation = OPERATIONS[request.service]?.[request.operation];
  if (!operation) return { error: { status: 400, code: 'InvalidAction', message: `${request.service}:${request.operation} is not emulated` } };
  const recording = recordingFor(world, identity.account, request.region, request.service) ?? {};
  let entry = recording[request.operation];
  if (operation.key !== undefined) {
    const key = String(request.params[operation.key] ?? '');
    entry = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>)[key] : undefined;
  }
  if (entry === undefined && operation.absent) return { error: operation.absent };
  if (operation.select) return { body: selected(entry, operation.select, request.params) };
  const body = (entry === undefined ? structuredClone(operation.fallback ?? {}) : structuredClone(entry)) as Record<string, unknown>;
  if (operation.list) page(body, operation.list, request.params, pageSize);
  return { body };
}

/** The recorded items a batched describe asks for, in the order asked. */
function selected(entry: unknown, select: NonNullable<Operation['select']>, params: Record<string, unknown>): Record<string, unknown> {
  const all = (getPath(entry ?? {}, select.items) ?? []) as Array<Record<string, unknown>>;
  const wanted = Array.isArray(params[select.param]) ? (params[select.param] as unknown[]).map(String) : [];
  return { [select.items]: wanted.flatMap((id) => all.filter((item) => item[select.by] === id)), failures: [] };
}

function page(body: Record<string, unknown>, list: NonNullable<Operation['list']>, params: Record<string, unknown>, pageSize: number): void {
  const all = list.items.flatMap((path) => {
    const items = getPath(body, path);
    return (Array.isArray(items) ? items : items === undefined ? [] : [items]).map((item) => ({ path, item }));
  });
  const offset = list.tokenIn ? decodeToken(params[list.tokenIn]) : 0;
  const slice = list.tokenIn ? all.slice(offset, offset + pageSize) : all;
  for (const path of list.items) setPath(body, path, slice.filter((entry) => entry.path === path).map((entry) => entry.item));
  const more = list.tokenIn !== undefined && offset + pageSize < all.length;
  if (list.tokenOut) setPath(body, list.tokenOut, more ? encodeToken(offset + pageSize) : undefined);
  if (list.more) setPath(body, list.more, more);
}

/** The key id the server hands out for an assumed role in `account`. */
export function assumedKeyId(account: string): string {
  return `ASIA${account}ROLE`;
}

/** STS: who am I, and AssumeRole into the world's assumable roles. */
export function answerSts(world: World, operation: string, params: Record<string, unknown>, identity: Identity): Answer {
  if (operation === 'GetCallerIdentity') {
    return { body: { Account: identity.account, Arn: identity.arn, UserId: 'AIDAEXAMPLEUSERID' } };
  }
  if (operation === 'AssumeRole') {
    const roleArn = String(params['RoleArn'] ?? '');
    if (!world.assumable.includes(roleArn)) {
      return { error: { status: 403, code: 'AccessDenied', message: `User: ${identity.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}` } };
    }
    const account = roleArn.split(':')[4] ?? '';
    const session = String(params['RoleSessionName'] ?? 'session');
    return {
      body: {
        Credentials: {
          AccessKeyId: assumedKeyId(account),
          SecretAccessKey: 'assumed-secret-for-tests-only',
          SessionToken: 'assumed-session-token',
          Expiration: new Date(Date.now() + 3_600_000).toISOString(),
        },
        AssumedRoleUser: { AssumedRoleId: `AROAEXAMPLE:${session}`, Arn: `${roleArn.replace(':role/', ':assumed-role/')}/${session}` },
      },
    };
  }
  return { error: { status: 400, code: 'InvalidAction', message: `sts:${operation} is not emulated` } };
}
