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
const workerExists = (url: URL) => url.protocol === 'file:' && existsSync(fileURLToPath(url));

/** Checks the bytes of one file (or its pieces) for keys written twice in one object. */
export class DuplicateKeyChecker {
  private readonly inline: DuplicateKey[] = [];
  private readonly pending: Array<Promise<DuplicateKey[]>> = [];
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly waiting = new Map<number, (found: DuplicateKey[]) => void>();
  /** True when the worker failed and some bytes went unchecked. */
  incomplete = false;

  /** Pieces waiting to go to the worker together (a file parsed in pieces has many small ones). */
  private batch: Array<{ bytes: Uint8Array; path: Array<string | number> }> = [];
  private batchBytes = 0;
  private readonly workerUrl: URL | undefined;

  /** @param workerUrl the compiled worker script (tests point at dist/); undefined scans inline */
  constructor(
    readonly file: string,
    workerUrl: URL | undefined = WORKER_URL,
  ) {
    this.workerUrl = workerUrl && workerExists(workerUrl) ? workerUrl : undefined;
  }

  /**
   * Scans `bytes`, a complete JSON value found at `path` of the file. With `handOver`, the
   * caller no longer needs the bytes and their memory may move to the worker without a copy.
   * Small values are batched until WORKER_MIN_BYTES; a file that stays small is scanned inline.
   */
  check(bytes: Uint8Array, path: ReadonlyArray<string | number>, handOver = false): void {
    if (!this.workerUrl) {
      this.inline.push(...findDuplicateKeys(bytes, path));
      return;
    }
    const owned = handOver && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
    // A copy of its own: Buffer#slice is a view, and transferring a view's buffer would take the
    // whole (possibly pooled) chunk away from the reader.
    this.batch.push({ bytes: owned ? bytes : new Uint8Array(bytes), path: [...path] });
    this.batchBytes += bytes.length;
    if (this.batchBytes >= WORKER_MIN_BYTES) this.flush();
  }

  /** Sends the waiting pieces to the worker. */
  private flush(): void {
    if (this.batch.length === 0) return;
    const pieces = this.batch;
    this.batch = [];
    this.batchBytes = 0;
    const id = this.nextId++;
    const worker = this.start();
    const answer = new Promise<DuplicateKey[]>((resolve) => this.waiting.set(id, resolve));
    try {
      worker.postMessage({ id, pieces }, pieces.map((piece) => piece.bytes.buffer as ArrayBuffer));
    } catch {
      // Not sent (nothing was transferred): scan here instead.
      this.waiting.delete(id);
      for (const piece of pieces) this.inline.push(...findDuplicateKeys(piece.bytes, piece.path));
      return;
    }
    this.pending.push(answer);
  }

  /** Stops at once (the load failed): the worker goes, nothing waits for it. */
  async abort(): Promise<void> {
    for (const resolve of this.waiting.values()) resolve([]);
    this.waiting.clear();
    this.batch = [];
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  /** Everything found, in file order, at most MAX_DUPLICATES. */
  async result(): Promise<DuplicateKey[]> {
    // What never filled a batch is small: scanning it here costs less than a worker.
    for (const piece of this.batch) this.inline.push(...findDuplicateKeys(piece.bytes, piece.path));
    this.batch = [];
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
    const worker = new Worker(this.workerUrl!);
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
