/**
 * Planting: one chain of each kind, hidden in randomly chosen workload accounts under unique
 * names. The plan is made before any account is generated, so each account applies only its
 * own steps while the expected findings are known up front.
 */
import { CHAIN_BUILDERS, type ChainBuild } from './chains.js';
import { CHAIN_KINDS, type PlantedChain } from './expected.js';
import type { OrgPlan } from './organization.js';
import { ALPHABETS, token, type Rng } from './random.js';

/** A chain, with the steps that build it in each of its accounts. */
export interface Plant {
  chain: PlantedChain;
  steps: ChainBuild['steps'];
}

/** Plans one chain of each kind over the workload accounts (distinct accounts while they last). */
export function planChains(org: OrgPlan, rng: Rng): Plant[] {
  const workloads = org.accounts.filter((a) => a.kind === 'workload');
  if (workloads.length === 0) throw new Error('generator: planted chains need a workload account; use --accounts 4 or more');
  // Chain i lives in workload account offset+i (its second account, if any, in the next one).
  const offset = rng.int(0, workloads.length - 1);
  const account = (i: number) => workloads[(offset + i) % workloads.length]!;
  const taken = new Set([...org.accounts.map((a) => a.id), ...org.vendors]);
  return CHAIN_KINDS.map((kind, index) => {
    const tag = token(`${rng.seed}:chain:${kind}`, 4, ALPHABETS.lowerAlnum);
    let outsider: string;
    do outsider = `9${token(`${rng.seed}:outsider:${kind}:${taken.size}`, 11, ALPHABETS.digits)}`;
    while (taken.has(outsider));
    taken.add(outsider);
    const first = account(index);
    const second = account(index + 1);
    const built = CHAIN_BUILDERS[kind]({ org, tag, first, second, outsider });
    return {
      chain: { id: `P${index + 1}`, kind, title: built.title, accounts: [...built.steps.keys()], findings: built.findings },
      steps: built.steps,
    };
  });
}
