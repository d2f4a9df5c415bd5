/**
 * Worker thread of the technique step (threads.ts starts it): rebuilds the facts from its copy
 * of the snapshot while the main thread builds its own and runs the steps before techniques,
 * waits for what those steps decided (admins, model accounts), then draws the rule groups it
 * claims and sends them back packed. Anything thrown ends the thread with an 'error' event,
 * which the main thread turns into a ThreadError.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ProvenanceKeys } from '../edges.js';
import { buildFacts } from '../facts/index.js';
import { drawShare } from './share.js';
import { pack } from './transfer.js';
import type { ScopeMessage, WorkerInput } from './threads.js';

const data = workerData as WorkerInput;
const facts = buildFacts(data.input, data.at ? { at: data.at } : {});
// The facts keep what they read; the rest of this thread's copy of the snapshot can go.
delete (data as Partial<WorkerInput>).input;

parentPort!.once('message', (scope: ScopeMessage) => {
  const share = drawShare(facts, data.rules, { admins: new Set(scope.admins), modelAccounts: new Set(scope.modelAccounts) }, new ProvenanceKeys(), data.handout);
  parentPort!.postMessage(pack(share));
});
