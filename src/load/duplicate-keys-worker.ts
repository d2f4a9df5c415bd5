/** Worker thread: scans JSON bytes for duplicate keys off the main thread (see duplicate-keys.ts). */
import { parentPort } from 'node:worker_threads';
import { findDuplicateKeys } from './json-keys.js';

/** One message: a batch of complete JSON values, each with its JSON path in the file. */
interface Batch {
  id: number;
  pieces: Array<{ bytes: Uint8Array; path: Array<string | number> }>;
}

parentPort?.on('message', ({ id, pieces }: Batch) => {
  parentPort?.postMessage({ id, found: pieces.flatMap((piece) => findDuplicateKeys(piece.bytes, piece.path)) });
});
