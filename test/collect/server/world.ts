/**
 * The accounts the local server pretends to be: recorded responses per account, region and
 * service, the credentials it accepts, and the roles that may be assumed. Loaded from
 * fixtures/aws-api/<scenario>/ or built in memory (the benchmark generates one).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { GLOBAL_SERVICES } from './operations.js';

/** Recorded responses of one service: operation -> body, or resource key -> body. */
export type ServiceRecording = Record<string, unknown>;

/** One account's recordings: `global` and each region, each a map of service -> recording. */
export type AccountRecording = Record<string, Record<string, ServiceRecording>>;

/** Everything the server knows. */
export interface World {
  /** Access key id -> the identity it signs as. */
  credentials: Record<string, { account: string; arn: string }>;
  /** Role ARNs that AssumeRole accepts. */
  assumable: string[];
  accounts: Record<string, AccountRecording>;
}

/** Reads a scenario folder: world.json, and <account>/<region or global>/<service>.json. */
export function loadWorld(dir: string): World {
  const world = JSON.parse(readFileSync(join(dir, 'world.json'), 'utf8')) as Omit<World, 'accounts'>;
  const accounts: Record<string, AccountRecording> = {};
  for (const account of readdirSync(dir).filter((name) => /^\d{12}$/.test(name))) {
    const recording: AccountRecording = {};
    for (const place of readdirSync(join(dir, account))) {
      if (!statSync(join(dir, account, place)).isDirectory()) continue;
      const services: Record<string, ServiceRecording> = {};
      for (const file of readdirSync(join(dir, account, place)).filter((f) => f.endsWith('.json'))) {
        services[file.replace(/\.json$/, '')] = JSON.parse(readFileSync(join(dir, account, place, file), 'utf8')) as ServiceRecording;
      }
      recording[place] = services;
    }
    accounts[account] = recording;
  }
  return { ...world, accounts };
}

/** The recording of one service as seen from one account and region (global services ignore the region). */
export function recordingFor(world: World, account: string, region: string, service: string): ServiceRecording | undefined {
  const recording = world.accounts[account];
  return recording?.[GLOBAL_SERVICES.has(service) ? 'global' : region]?.[service];
}

/** Reads a dotted path (`UserDetailList.member`) of a body. */
export function getPath(body: unknown, path: string): unknown {
  let node = body;
  for (const part of path.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** Sets a dotted path of a body, creating objects on the way. */
export function setPath(body: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = body;
  for (const part of parts.slice(0, -1)) {
    if (typeof node[part] !== 'object' || node[part] === null) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  const last = parts[parts.length - 1] as string;
  if (value === undefined) delete node[last];
  else node[last] = value;
}
