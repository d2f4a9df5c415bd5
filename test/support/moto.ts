/**
 * moto's AWS emulator as a test fixture: `startMoto()` runs `python3 -m moto.server` on
 * 127.0.0.1 at a free port, waits until it answers, and `stop()` ends it (and waits for the
 * process to be gone). A server left behind by a crashed test run is killed when the test
 * process exits. Usable by any suite: `beforeAll(async () => (moto = await startMoto()))`,
 * `afterAll(() => moto.stop())`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** A running moto server. */
export interface Moto {
  /** `http://127.0.0.1:PORT`: pass as `--endpoint-url` or an SDK client's `endpoint`. */
  endpoint: string;
  port: number;
  /** Clears every resource (moto's own reset API), for suites that seed more than once. */
  reset(): Promise<void>;
  /** Stops the server; resolves once the process has exited. */
  stop(): Promise<void>;
}

/** Options for startMoto. */
export interface MotoOptions {
  /** How long to wait for the first answer (default 20 s: a cold Python import on a busy machine). */
  readyTimeoutMs?: number;
  /** The Python interpreter (default `python3`, or $BLASTPATH_TEST_PYTHON). */
  python?: string;
}

/** Credentials moto accepts (any will do); never real ones. */
export const MOTO_CREDENTIALS = { accessKeyId: 'AKIAMOTOTESTEXAMPLE1', secretAccessKey: 'moto-test-secret-not-real' };

/** The moto release the suites are written against (its gaps are listed in test/e2e/moto/expectations.ts). */
export const MOTO_VERSION = '5.2.1';

/** The account moto puts every resource in. */
export const MOTO_ACCOUNT = '123456789012';

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Starts moto on a free loopback port. Rejects, with moto's own output, when it cannot start. */
export async function startMoto(options: MotoOptions = {}): Promise<Moto> {
  const port = await freePort();
  const python = options.python ?? process.env['BLASTPATH_TEST_PYTHON'] ?? 'python3';
  const child = spawn(python, ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    // moto must not pick up the machine's AWS setup, and must not reach out anywhere.
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', MOTO_CALL_RESET_API: 'true' },
  });
  running.add(child);
  installExitHook();
  let output = '';
  const keep = (chunk: Buffer) => void (output = (output + chunk.toString('utf8')).slice(-4000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  exited.then(() => running.delete(child)).catch(() => undefined);
  child.once('error', (error) => void (output += `\n${String(error)}`));

  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.readyTimeoutMs ?? 20_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const hint = /No module named '?moto/.test(output) ? ` (install it: pip install 'moto[server]==${MOTO_VERSION}')` : '';
      throw new Error(`moto exited before answering (code ${child.exitCode})${hint}: ${output.trim()}`);
    }
    if (await answers(endpoint)) break;
    if (Date.now() > deadline) {
      await stop(child, exited);
      throw new Error(`moto did not answer on ${endpoint} within ${options.readyTimeoutMs ?? 20_000} ms: ${output.trim()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    endpoint,
    port,
    reset: async () => {
      const response = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
      if (!response.ok) throw new Error(`moto reset answered ${response.status}`);
    },
    stop: () => stop(child, exited),
  };
}

/** A port nothing listens on right now: the OS picks one, we release it (for moto, or as a dead endpoint). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function answers(endpoint: string): Promise<boolean> {
  try {
    const response = await fetch(`${endpoint}/moto-api/data.json`, { signal: AbortSignal.timeout(1_000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

/** SIGTERM, then SIGKILL if moto has not exited within 3 s. */
async function stop(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
  await exited;
  clearTimeout(timer);
}

/** A test process that dies without afterAll must not leave moto behind. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}

/** Environment for the AWS SDK and CLI aimed at `endpoint` with moto's fake keys, and nothing from the machine's AWS setup. */
export function motoEnv(endpoint: string, dir: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: MOTO_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: MOTO_CREDENTIALS.secretAccessKey,
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: `${dir}/no-aws-config`,
    AWS_SHARED_CREDENTIALS_FILE: `${dir}/no-aws-credentials`,
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}
