/** Shared setup for collector tests: the recorded organization behind the local AWS server. */
import { main, type CliIo } from '../../src/cli/main.js';
import { collect, type CollectOptions } from '../../src/collect/index.js';
import { loadWorld, startAwsServer, type AwsServer, type FaultRule, type World } from './server/index.js';

// The SDK's notice that future versions need Node 22 is noise in test output.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

/** The recorded organization's management account, a member blastpath can reach, and one it cannot. */
export const MANAGEMENT = '111111111111';
export const MEMBER = '222222222222';
export const UNASSUMABLE = '333333333333';

/** Static credentials the recorded world knows as arn:aws:iam::111111111111:user/auditor. */
export const TEST_CREDENTIALS = { accessKeyId: 'AKIAMGMTEXAMPLE00001', secretAccessKey: 'test-secret-not-real' };

/** The recorded organization in fixtures/aws-api/org. */
export const ORG_WORLD = 'fixtures/aws-api/org';

/** Starts the local server over the recorded organization, optionally edited first. */
export function startOrgServer(options: { faults?: FaultRule[]; pageSize?: number; latencyMs?: number; edit?: (world: World) => void } = {}): Promise<AwsServer> {
  const world = loadWorld(ORG_WORLD);
  options.edit?.(world);
  return startAwsServer({
    world,
    pageSize: options.pageSize ?? 2,
    ...(options.faults ? { faults: options.faults } : {}),
    ...(options.latencyMs ? { latencyMs: options.latencyMs } : {}),
  });
}

/** Options that point collection at `server` and keep retries and timeouts short. */
export function testOptions(server: AwsServer, extra: CollectOptions = {}): CollectOptions {
  return {
    endpoint: server.endpoint,
    credentials: TEST_CREDENTIALS,
    env: {},
    homeRegion: 'us-east-1',
    timeoutMs: 5_000,
    maxAttempts: 3,
    backoff: { baseMs: 1, throttleBaseMs: 5, capMs: 20 },
    ...extra,
  };
}

/** Collects against `server` with test options. */
export function collectFrom(server: AwsServer, extra: CollectOptions = {}) {
  return collect(testOptions(server, extra));
}

/** `blastpath <args>` in-process with captured output (stderr may pose as a terminal). */
export async function runCli(args: string[], options: { isTTY?: boolean; stderrIsTTY?: boolean } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    isTTY: options.isTTY ?? false,
    stderrIsTTY: options.stderrIsTTY ?? false,
    env: {},
  };
  const code = await main(['node', 'blastpath', ...args], io);
  return { code, stdout, stderr };
}
