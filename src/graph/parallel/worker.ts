/**
 * Worker thread of the technique step (threads.ts starts it): rebuilds the facts from its copy
 * of the snapshot while the main thread builds its own and runs the steps before techniques,
 * waits for what those steps decided (admins, model accounts), then draws the rule groups it
 * claims and sends them back packed. Anything thrown ends the thread with an 'error' event,
 * which the main thread turns into a ThreadError.
 */
import { deserialize } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { ProvenanceKeys } from '../edges.js';
import { buildFacts, type Facts } from '../facts/index.js';
import type { RuleSet } from '../../rules/index.js';
import { drawShare } from './share.js';
import { pack } from './transfer.js';
import type { ScopeMessage, WorkerData, WorkerInput } from './threads.js';

/** The facts and rules of this thread; the snapshot and the shared bytes die when it returns (the facts keep what they read). */
function start(): { facts: Facts; rules: RuleSet; blocks: boolean } {
  const data = workerData as Partial<WorkerData>;
  const { input, rules, at, blocks } = deserialize(Buffer.from(data.serialized!)) as WorkerInput;
  delete data.serialized;
  return { facts: buildFacts(input, at ? { at } : {}), rules, blocks };
}

const { handout } = workerData as WorkerData;
const { facts, rules, blocks } = start();

parentPort!.once('message', (scope: ScopeMessage) => {
  const share = drawShare(facts, rules, { admins: new Set(scope.admins), modelAccounts: new Set(scope.modelAccounts) }, new ProvenanceKeys(), handout, blocks);
  parentPort!.postMessage(pack(share));
});
