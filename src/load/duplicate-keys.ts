/**
 * Collects the duplicate keys of one input file, from the whole text or piece by piece. The
 * scan is one pass over bytes already read, as long as JSON.parse takes for large files, so
 * large inputs are scanned on a worker thread while the main thread validates and analyzes;
 * the answer is awaited only when the load stage ends.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { findDuplicateKeys, MAX_DUPLICATES } from './json-keys.js';
import type { DuplicateKey } from './json-pieces.js';

/** Below this many bytes the scan runs inline: starting a worker costs more than it saves. */
export const WORKER_MIN_BYTES = 4 * 1024 * 1024;

/**
 * The compiled worker script. When blastpath runs from its TypeScript sources (the test
 * runner), there is none and scans run inline: same function, same answers.
 */
const WORKER_URL = new URL('./duplicate-keys-worker.js', import.meta.url);
const workerAvailable = WORKER_URL.protocol === 'file:' && existsSync(fileURLToPath(WORKER_URL));

/** Checks the bytes of one file (or its pieces) for keys written twice in one object. */
export class DuplicateKeyChecker {
  private readonly inline: DuplicateKey[] = [];
  private readonly pending: Array<Promise<DuplicateKey[]>> = [];
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly waiting = new Map<number, (found: DuplicateKey[]) => void>();
  /** True when the worker failed and some bytes went unchecked. */
  incomplete = false;

  constructor(readonly file: string) {}

  /**
   * Scans `bytes`, a complete JSON value found at `path` of the file. With `handOver`, the
   * caller no longer needs the bytes and their memory may move to the worker without a copy.
   */
  check(bytes: Uint8Array, path: ReadonlyArray<string | number>, handOver = false): void {
    if (!workerAvailable || bytes.length < WORKER_MIN_BYTES) {
      this.inline.push(...findDuplicateKeys(bytes, path));
      return;
    }
    const owned = handOver && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
    const data = owned ? bytes : bytes.slice();
    const id = this.nextId++;
    const worker = this.start();
    this.pending.push(new Promise((resolve) => this.waiting.set(id, resolve)));
    worker.postMessage({ id, bytes: data, path: [...path] }, [data.buffer as ArrayBuffer]);
  }

  /** Everything found, in file order, at most MAX_DUPLICATES. */
  async result(): Promise<DuplicateKey[]> {
    try {
      const fromWorker = (await Promise.all(this.pending)).flat();
      return [...this.inline, ...fromWorker].slice(0, MAX_DUPLICATES);
    } finally {
      await this.worker?.terminate();
      this.worker = undefined;
    }
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_URL);
    worker.on('message', ({ id, found }: { id: number; found: DuplicateKey[] }) => {
      this.waiting.get(id)?.(found);
      this.waiting.delete(id);
    });
    // A worker that fails leaves the scan undone (said in the warnings), never the load.
    worker.on('error', () => {
      this.incomplete = this.waiting.size > 0;
      for (const resolve of this.waiting.values()) resolve([]);
      this.waiting.clear();
    });
    // Not unref'd: a process must not end while an answer it waits for is on its way.
    this.worker = worker;
    return worker;
  }
}
