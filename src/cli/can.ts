/**
 * `blastpath can <principal-arn> <action> <resource-arn> <input...>`: one IAM decision, explained.
 * Loads the snapshot, finds the principal and the resource in the graph's facts, evaluates with
 * every policy type that applies (the graph's own decide()), and prints the decision with the
 * statements behind it. Exit 0 allowed, 1 denied, 4 allowed only if the residual holds.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { InputError } from '../core/errors.js';
import { accountOfArn, parseArn } from '../core/arn.js';
import { decide, type Question } from '../graph/decide.js';
import { buildFacts, type Facts, type Principal } from '../graph/facts/index.js';
import { catalogAction, catalogVersion, explainDecision, type Explanation } from '../iam/index.js';
import { limitsFromEnv, loadInputs, type ReadLimits } from '../load/index.js';
import { CAN_FORMATS, renderCan, type CanAnswer, type CanFormat } from '../report/can.js';
import { analysisTime, AT_HELP } from './at-flag.js';
import { CommandExit } from './exit.js';
import type { CliIo } from './io.js';

const EXIT_BY_DECISION = { allowed: 0, denied: 1, conditional: 4 } as const;
const ASSUME = /^sts:assumerole(withwebidentity|withsaml)?$/;

interface CanFlags {
  format: CanFormat;
  context: Array<[string, string]>;
  at?: string;
}

function contextPair(value: string, previous: Array<[string, string]>): Array<[string, string]> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError('expected key=value, e.g. aws:SourceIp=10.1.2.3');
  return [...previous, [value.slice(0, eq).trim().toLowerCase(), value.slice(eq + 1)]];
}

/** The principal an ARN names: a user or role, or the role behind an assumed-role session. */
function findPrincipal(facts: Facts, arn: string): { principal: Principal; notes: string[] } {
  const exact = facts.principalsByArn.get(arn);
  if (exact) return { principal: exact, notes: [] };
  const session = /^arn:[^:]+:sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/.exec(arn);
  const role = session && facts.principals.find((p) => p.kind === 'role' && p.accountId === session[1] && p.name === session[2]);
  if (role) return { principal: role, notes: ['session-evaluated-as-role'] };
  throw new InputError(`principal ${arn}`, 'expected the ARN of a user or role in the inputs (or an assumed-role session of one)');
}

/** The evaluator's question for this resource: its owner, its resource policy and the policy mode. */
function resourceQuestion(facts: Facts, action: string, arn: string): { question: Omit<Question, 'caller' | 'action'>; notes: string[] } {
  const lower = action.toLowerCase();
  const role = facts.principalsByArn.get(arn);
  if (role) {
    // A role's trust policy is the resource policy of sts:AssumeRole* and must allow.
    const trust = ASSUME.test(lower) && role.trust ? { resourcePolicy: role.trust, mode: 'required' as const } : {};
    return { question: { resource: arn, resourceAccount: role.accountId, ...trust }, notes: [] };
  }
  const bucket = /^(arn:[^:]+:s3:::[^/]+)/.exec(arn)?.[1];
  const resource = facts.resourcesByArn.get(arn) ?? (bucket ? facts.resourcesByArn.get(bucket) : undefined);
  if (resource) {
    return {
      question: {
        resource: arn,
        resourceAccount: resource.accountId,
        ...(resource.policy ? { resourcePolicy: resource.policy } : {}),
        // KMS key policies must allow; IAM policies count only when the key policy delegates.
        ...(resource.kind === 'kms-key' ? { mode: 'required' as const } : {}),
      },
      notes: [],
    };
  }
  const account = accountOfArn(arn);
  return { question: { resource: arn, ...(account ? { resourceAccount: account } : {}) }, notes: arn === '*' ? [] : ['resource-not-in-inputs'] };
}

/** Answers one `can` question against loaded inputs. */
export async function answerCan(args: { principal: string; action: string; resource: string; inputs: string[]; context: Array<[string, string]>; at?: string; limits?: ReadLimits }): Promise<CanAnswer> {
  // Arguments are checked before anything is loaded: a typo must not come back as "denied".
  if (!parseArn(args.principal)) throw new InputError(`principal ${args.principal}`, 'expected an ARN, e.g. arn:aws:iam::111111111111:role/name');
  if (args.resource !== '*' && !parseArn(args.resource)) throw new InputError(`resource ${args.resource}`, 'expected an ARN, or * for actions that take no resource');
  if (/[*?]/.test(args.action)) throw new InputError(`action ${args.action}`, 'expected one action, without wildcards');
  const known = catalogAction(args.action);
  if (!known) throw new InputError(`action ${args.action}`, `expected an action the action catalog ${catalogVersion()} knows, e.g. s3:GetObject`);
  const loaded = await loadInputs(args.inputs, args.limits ? { limits: args.limits } : {});
  const facts = buildFacts({ snapshot: loaded.snapshot, credentials: loaded.credentials }, args.at ? { at: args.at } : {});
  const { principal, notes: principalNotes } = findPrincipal(facts, args.principal);
  const { question, notes } = resourceQuestion(facts, known.name, args.resource);
  const context: Record<string, string[]> = {};
  for (const [key, value] of args.context) context[key] = [...(context[key] ?? []), value];
  // The request as the user states it: keys its caller sets stay open unless --context gives them.
  const result = decide({ ...question, caller: principal, action: known.name, explain: true, attackerChooses: false, ...(args.context.length ? { context } : {}) });
  const explanation: Explanation = explainDecision(result);
  return {
    principal: principal.arn,
    action: known.name,
    resource: args.resource,
    accessLevels: known.accessLevels,
    catalogVersion: catalogVersion(),
    ...(facts.environment.at ? { at: facts.environment.at } : {}),
    notes: [...principalNotes, ...notes].sort(),
    ...explanation,
  };
}

/** Adds the can command. */
export function registerCan(cli: Command, io: CliIo): void {
  cli
    .command('can')
    .description('Decide whether a principal may perform an action on a resource, and explain why')
    .argument('<principal-arn>', 'user or role ARN (or an assumed-role session ARN)')
    .argument('<action>', 'one action, e.g. s3:GetObject')
    .argument('<resource-arn>', 'resource ARN, or * for actions without a resource')
    .argument('<input...>', 'snapshot files (.json or .json.gz), GAAD output, or directories')
    .addOption(new Option('-f, --format <format>', 'output format').choices(CAN_FORMATS).default('table'))
    .option('--context <key=value>', 'a condition value the request carries (repeatable)', contextPair, [] as Array<[string, string]>)
    .option('--at <time>', AT_HELP, analysisTime)
    .action(async (principal: string, action: string, resource: string, inputs: string[], flags: CanFlags) => {
      const answer = await answerCan({ principal, action, resource, inputs, context: flags.context, ...(flags.at ? { at: flags.at } : {}), limits: limitsFromEnv(io.env) });
      io.stdout(renderCan(flags.format, answer));
      const code = EXIT_BY_DECISION[answer.decision];
      if (code !== 0) throw new CommandExit(code);
    });
}
