/**
 * Live collection's speed: the collector, through the real AWS SDK clients, against the local
 * AWS server of the tests (test/collect/server) emulating one account with 5,000 roles, 2,000
 * buckets and 500 SageMaker resources, every call answered after 20 ms, every listing paged
 * 100 items at a time. The server runs in a worker thread (its own event loop, like a remote
 * service); the collector in the main thread. Reports wall time and calls made, at the default
 * concurrency and a higher one. Scale and latency are parameters:
 *   BLASTPATH_BENCH_COLLECT_SCALE       multiplies the resource counts (default 1)
 *   BLASTPATH_BENCH_COLLECT_LATENCY_MS  per-call latency (default 20)
 *   BLASTPATH_BENCH_COLLECT_CONCURRENCY concurrency levels to run, comma-separated (default 8,32)
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type * as Collect from '../src/collect/index.js';
import { startAwsServer, type World } from '../test/collect/server/index.js';
import { repoRoot } from './product.js';
import type { BenchSection } from './types.js';

/** The compiled collector from dist/, as users run it (see product.ts). */
async function loadCollector(): Promise<typeof Collect> {
  const file = join(repoRoot(), 'dist', 'collect', 'index.js');
  if (!existsSync(file)) throw new Error(`bench: ${file} is not built; run npm run build first`);
  return (await import(pathToFileURL(file).href)) as typeof Collect;
}

const ACCOUNT = '111111111111';
const KEY = 'AKIABENCHEXAMPLE0001';

const member = <T>(list: T[]) => ({ member: list });
const policy = (statement: object) => encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: [statement] }));

/** One account of the given size, as recorded responses the local server answers from. */
function emulatedAccount(scale: { roles: number; buckets: number; sagemaker: number }): World {
  const arn = (kind: string, name: string) => `arn:aws:iam::${ACCOUNT}:${kind}/${name}`;
  const roles = Array.from({ length: scale.roles }, (_, i) => ({
    RoleName: `role-${i}`,
    Arn: arn('role', `role-${i}`),
    Path: '/',
    AssumeRolePolicyDocument: policy({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }),
    RolePolicyList: member([{ PolicyName: 'inline', PolicyDocument: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::bucket-${i % Math.max(1, scale.buckets)}/*` }) }]),
    AttachedManagedPolicies: member([]),
  }));
  const users = Array.from({ length: 50 }, (_, i) => ({ UserName: `user-${i}`, Arn: arn('user', `user-${i}`), Path: '/', GroupList: member([]), UserPolicyList: member([]), AttachedManagedPolicies: member([]) }));
  const bucketNames = Array.from({ length: scale.buckets }, (_, i) => `bucket-${i}`);
  const perBucket = <T>(make: (name: string, i: number) => T | undefined) =>
    Object.fromEntries(bucketNames.flatMap((name, i) => {
      const value = make(name, i);
      return value === undefined ? [] : [[name, value]];
    }));
  // 500 SageMaker resources: a fifth each of notebooks, models, endpoints, endpoint configs, jobs.
  const fifth = Math.floor(scale.sagemaker / 5);
  const names = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
  const execRole = arn('role', 'role-0');
  const sm = `arn:aws:sagemaker:us-east-1:${ACCOUNT}`;
  const listAndDescribe = (list: string, listField: string, describe: string, nameField: string, arnField: string, kind: string, extra: object) => {
    const all = names(kind, fifth);
    return {
      [list]: { [listField]: all.map((n) => ({ [nameField]: n })) },
      [describe]: Object.fromEntries(all.map((n) => [n, { [nameField]: n, [arnField]: `${sm}:${kind}/${n}`, ...extra }])),
    };
  };
  return {
    credentials: { [KEY]: { account: ACCOUNT, arn: arn('user', 'bench') } },
    assumable: [],
    accounts: {
      [ACCOUNT]: {
        global: {
          iam: {
            GetAccountAuthorizationDetails: { UserDetailList: member(users), GroupDetailList: member([]), RoleDetailList: member(roles), Policies: member([]) },
            ListAccessKeys: Object.fromEntries(users.map((u, i) => [u.UserName, { AccessKeyMetadata: member([{ UserName: u.UserName, AccessKeyId: `AKIABENCHUSER${String(i).padStart(7, '0')}`, Status: 'Active' }]) }])),
          },
          s3: {
            ListBuckets: { ListAllMyBucketsResult: { Buckets: { Bucket: bucketNames.map((Name) => ({ Name, CreationDate: '2024-01-01T00:00:00.000Z' })) } } },
            GetBucketPolicy: perBucket((name, i) => (i % 2 === 0 ? { Policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: execRole }, Action: 's3:GetObject', Resource: `arn:aws:s3:::${name}/*` }] } } : undefined)),
            GetBucketTagging: perBucket((_name, i) => (i % 3 === 0 ? { Tagging: { TagSet: { Tag: [{ Key: 'data-classification', Value: 'confidential' }] } } } : undefined)),
          },
        },
        'us-east-1': {
          ec2: { DescribeRegions: { regionInfo: { item: [{ regionName: 'us-east-1', optInStatus: 'opt-in-not-required' }] } } },
          sagemaker: {
            ...listAndDescribe('ListNotebookInstances', 'NotebookInstances', 'DescribeNotebookInstance', 'NotebookInstanceName', 'NotebookInstanceArn', 'notebook-instance', { RoleArn: execRole }),
            ...listAndDescribe('ListModels', 'Models', 'DescribeModel', 'ModelName', 'ModelArn', 'model', { ExecutionRoleArn: execRole }),
            ...listAndDescribe('ListEndpoints', 'Endpoints', 'DescribeEndpoint', 'EndpointName', 'EndpointArn', 'endpoint', { EndpointConfigName: 'config-0' }),
            ...listAndDescribe('ListEndpointConfigs', 'EndpointConfigs', 'DescribeEndpointConfig', 'EndpointConfigName', 'EndpointConfigArn', 'endpoint-config', { ProductionVariants: [] }),
            ...listAndDescribe('ListTrainingJobs', 'TrainingJobSummaries', 'DescribeTrainingJob', 'TrainingJobName', 'TrainingJobArn', 'training-job', { RoleArn: execRole }),
          },
        },
      },
    },
  };
}

function numberList(name: string, fallback: number[]): number[] {
  const raw = process.env[name];
  const parsed = raw?.split(',').map(Number).filter((n) => Number.isFinite(n) && n > 0);
  return parsed?.length ? parsed : fallback;
}

interface ServerSpec {
  scale: { roles: number; buckets: number; sagemaker: number };
  latencyMs: number;
}

/** In the worker thread: serve the emulated account until told to stop. */
async function serveInWorker(spec: ServerSpec): Promise<void> {
  const server = await startAwsServer({ world: emulatedAccount(spec.scale), latencyMs: spec.latencyMs, pageSize: 100, log: false });
  parentPort?.once('message', () => void server.close().then(() => process.exit(0)));
  parentPort?.postMessage(server.endpoint);
}

/** Starts the server in a worker thread; resolves with its endpoint and a way to stop it. */
async function startServerWorker(spec: ServerSpec): Promise<{ endpoint: string; stop: () => Promise<void> }> {
  const worker = new Worker(new URL(import.meta.url), { workerData: spec });
  const endpoint = await new Promise<string>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return { endpoint, stop: async () => void (worker.postMessage('stop'), await new Promise((resolve) => worker.once('exit', resolve))) };
}

if (!isMainThread && workerData) void serveInWorker(workerData as ServerSpec);

/** Runs the collection benchmark. */
export default async function bench(): Promise<BenchSection> {
  const [factor = 1] = numberList('BLASTPATH_BENCH_COLLECT_SCALE', [1]);
  const [latencyMs = 20] = numberList('BLASTPATH_BENCH_COLLECT_LATENCY_MS', [20]);
  const levels = numberList('BLASTPATH_BENCH_COLLECT_CONCURRENCY', [8, 32]);
  const scale = { roles: Math.round(5_000 * factor), buckets: Math.round(2_000 * factor), sagemaker: Math.round(500 * factor) };
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
  const { collect } = await loadCollector();
  const rows: BenchSection['rows'] = [];
  for (const concurrency of levels) {
    const server = await startServerWorker({ scale, latencyMs });
    try {
      const started = performance.now();
      const { snapshot, stats } = await collect({
        endpoint: server.endpoint,
        credentials: { accessKeyId: KEY, secretAccessKey: 'bench-not-a-secret' },
        env: {},
        homeRegion: 'us-east-1',
        concurrency,
      });
      const seconds = (performance.now() - started) / 1000;
      const account = snapshot.accounts[0];
      rows.push({
        concurrency,
        'wall s': Number(seconds.toFixed(1)),
        calls: stats.calls,
        'calls/s': Math.round(stats.calls / seconds),
        roles: account?.iam?.AuthorizationDetails.RoleDetailList.length ?? 0,
        buckets: account?.s3?.Buckets.length ?? 0,
        'sagemaker resources': Object.values(account?.regions['us-east-1']?.SageMaker ?? {}).reduce<number>((n, list) => n + (Array.isArray(list) ? list.length : 0), 0),
        gaps: stats.gaps,
      });
    } finally {
      await server.stop();
    }
  }
  return {
    title: `Live collection against the local AWS server (${latencyMs} ms per call, 100 items per page)`,
    rows,
    notes: [
      `Scale ${factor}: ${scale.roles} roles, ${scale.buckets} buckets (6 calls each: location, policy, policy status, public access block, tags, encryption), ${scale.sagemaker} SageMaker resources (listed, then described one by one).`,
      'Concurrency is per service and region (--concurrency); S3 per-bucket calls share one S3 unit per account, so they dominate the wall time.',
      'Every other service is collected too (empty), as a real run would. The server shares the machine (a worker thread), so CPU-bound runs understate what AWS would allow.',
    ],
  };
}
