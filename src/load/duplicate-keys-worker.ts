/** Worker thread: scans JSON bytes for duplicate keys off the main thread (see duplicate-keys.ts). */
import { parentPort } from 'node:worker_threads';
import { findDuplicateKeys } from './json-keys.js';

parentPort?.on('message', (message: { id: number; bytes: Uint8Array; path: Array<string | number> }) => {
  parentPort?.postMessage({ id: message.id, found: findDuplicateKeys(message.bytes, message.path) });
});
