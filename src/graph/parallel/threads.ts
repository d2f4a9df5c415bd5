/**
 * The technique step on several threads: the main thread and `threads - 1` worker threads
 * (worker.ts) claim rule groups from one counter, and their shares merge into the EdgeSet one
 * thread would have drawn (share.ts). Workers start before the main thread builds its facts,
 * from the snapshot serialized once into shared memory: serializing is the only part on the
 * main thread (0.45 s at size M, whatever the number of workers); each worker deserializes
 * (1 s) and builds its own facts (2 s) while the main thread builds its own. Re-reading the
 * input files would spare the main thread that 0.45 s but cost each worker the whole load
 * (2.2 s at M) and tie the graph stage to files, which live collection does not have.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serialize } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { ThreadError } from '../../core/errors.js';
import type { RuleSet } from '../../rules/index.js';
import { EdgeSet, type ProvenanceKeys } from '../edges.js';
import type { Facts, LoadedSnapshot } from '../facts/index.js';
import type { TechniqueEdges, TechniqueScope } from '../techniques/index.js';
import { ruleGroups } from './partition.js';
import { drawShare, mergeShares, type Handout, type ThreadShare } from './share.js';
import { unpack } from './transfer.js';

/** What a worker builds its facts from. */
export interface WorkerInput {
  input: LoadedSnapshot;
  rules: RuleSet;
  at?: string;
  /** False to draw every edge pair by pair (BuildOptions.edgeBlocks). */
  blocks: boolean;
}

/** What a worker is started with: its input serialized once for every worker, and the hand-out. */
export interface WorkerData {
  /** v8.serialize of a WorkerInput, in shared memory: the main thread serializes once, not once per worker. */
  serialized: SharedArrayBuffer;
  handout: Handout;
}

/** What the steps before techniques decided, sent to each worker as soon as known. */
export interface ScopeMessage {
  admins: string[];
  modelAccounts: string[];
}

/** The compiled worker script; when blastpath runs from its TypeScript sources there is none. */
export const WORKER_URL = new URL('./worker.js', import.meta.url);

/** True when the worker script exists (tests run from sources and point at dist/). */
export function workerAvailable(url: URL = WORKER_URL): boolean {
  return url.protocol === 'file:' && existsSync(fileURLToPath(url));
}

/** Options of the threads of one build. */
export interface ThreadOptions {
  /** Threads drawing technique edges, the main thread included (at least 2 here). */
  threads: number;
  /** The analysis time, as the build's. */
  at?: string;
  /** The worker script (tests: dist/'s, or one that fails). */
  workerUrl?: URL;
  /** False to draw every edge pair by pair (BuildOptions.edgeBlocks); true by default. */
  blocks?: boolean;
}

/** Worker threads sharing one build's technique step with the main thread. */
export class TechniqueThreads {
  private readonly workers: Worker[] = [];
  private readonly shares: Array<Promise<ThreadShare>> = [];
  private readonly handout: Handout;
  private here: ThreadShare | undefined;
  private readonly blocks: boolean;

  /** Starts `threads - 1` workers on a copy of `input`; they build their facts at once. */
  constructor(input: LoadedSnapshot, rules: RuleSet, options: ThreadOptions) {
    this.handout = { groups: ruleGroups(rules), next: new Int32Array(new SharedArrayBuffer(4)) };
    this.blocks = options.blocks ?? true;
    const payload: WorkerInput = { input, rules, ...(options.at ? { at: options.at } : {}), blocks: this.blocks };
    const bytes = serialize(payload);
    const serialized = new SharedArrayBuffer(bytes.length);
    new Uint8Array(serialized).set(bytes);
    const data: WorkerData = { serialized, handout: this.handout };
    for (let i = 1; i < options.threads; i++) {
      const worker = new Worker(options.workerUrl ?? WORKER_URL, { workerData: data });
      this.workers.push(worker);
      const share = shareOf(worker);
      // Observed at once: a build that fails before awaiting the shares must not leave a
      // rejection unhandled (the process would end with a stack trace).
      share.catch(() => undefined);
      this.shares.push(share);
    }
  }

  /** Lets the workers draw: what the steps before techniques decided. */
  begin(scope: TechniqueScope): void {
    const message: ScopeMessage = { admins: [...scope.admins], modelAccounts: [...scope.modelAccounts] };
    for (const worker of this.workers) worker.postMessage(message);
  }

  /** The main thread's share, drawn once its other steps are done; the edges and blocks come with finish(). */
  drawHere(facts: Facts, rules: RuleSet, scope: TechniqueScope, keys: ProvenanceKeys): TechniqueEdges {
    this.here = drawShare(facts, rules, scope, keys, this.handout, this.blocks);
    return { edges: new EdgeSet(keys), blocks: [], positions: [] };
  }

  /** Every thread's share merged in rule order, blocks rebuilt; the workers have exited when it resolves. */
  async finish(keys: ProvenanceKeys): Promise<TechniqueEdges> {
    try {
      const shares = await Promise.all(this.shares);
      return mergeShares([this.here ?? { entries: [], blocks: [], positions: [], drawn: [] }, ...shares], this.handout.groups, keys);
    } finally {
      await this.stop();
    }
  }

  /** Ends every worker (after a failure, or once their shares arrived). */
  async stop(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

/** The share a worker sends, or a ThreadError when it fails or exits without sending one. */
function shareOf(worker: Worker): Promise<ThreadShare> {
  const failed = (what: string) => new ThreadError(`graph: a worker thread deriving technique edges ${what}; \`--workers 1\` builds on the main thread alone`);
  return new Promise((resolve, reject) => {
    let settled = false;
    worker.once('message', (text: string) => {
      settled = true;
      try {
        resolve(unpack(text) as ThreadShare);
      } catch (error) {
        reject(failed(`sent edges that could not be read (${(error as Error).message})`));
      }
    });
    worker.once('error', (error: Error) => {
      settled = true;
      reject(failed(`failed: ${error.message}`));
    });
    worker.once('exit', (code) => {
      if (!settled) reject(failed(`stopped (exit code ${code}) before sending its edges`));
    });
  });
}
