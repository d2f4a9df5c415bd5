/**
 * The shape of a collector: each AWS service is one declarative descriptor saying which calls
 * fill which snapshot fields. Pagination, regions, retries, concurrency, timeouts and gap
 * recording are not in descriptors: the engine does them once for every service.
 */

/** A plain JSON-like record: an AWS response or a snapshot record built from one. */
export type Rec = Record<string, unknown>;

/** Any AWS SDK v3 client: what the engine needs of it. */
export interface AwsClient {
  send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
  destroy(): void;
}

/** An SDK client class (`LambdaClient`). */
export type ClientClass = new (config: never) => AwsClient;

/** An SDK command class (`ListFunctionsCommand`); its name minus `Command` is the operation. */
export type CommandClass = new (input: never) => unknown;

/** What input builders may read besides the parent record. */
export interface UnitContext {
  accountId: string;
  partition: string;
  /** The region the unit collects (the partition's home region for global services). */
  region: string;
  /** How many recent SageMaker training and processing jobs to collect (0: all). */
  recentJobs: number;
}

/** One SDK command and how to build its input from the record it is called for. */
export interface CallSpec {
  command: CommandClass;
  input: (parent: Rec, context: UnitContext) => Rec;
  /** The client to send it with, when not the descriptor's own (Bedrock uses two). */
  client?: ClientClass;
}

/** How a listing pages: the token fields, and the flag some APIs set when more pages follow. */
export interface Pagination {
  inputToken: string;
  outputToken: string;
  /** `IsTruncated` (IAM), `Truncated` (KMS): more pages follow when true. */
  moreResults?: string;
}

/** A call whose response replaces (or, with `merge`, extends) each listed item. */
export interface DescribeSpec extends CallSpec {
  /** Output field holding the resource (`cluster`); the whole response when absent. */
  pick?: string;
  /** Keep the listed item's fields and add the response's (GetOpenIDConnectProvider lacks `Arn`). */
  merge?: boolean;
  /**
   * Describe listed items this many at a time (ECS DescribeTasks takes 100): `input` then gets
   * `{ records }` (see `batchOf`), and `pick` names the output list of described items. Items
   * the answer leaves out are gone (ECS lists them under `failures` as MISSING).
   */
  batch?: number;
}

/** What a fetch runs instead when the endpoint does not offer its operation (older partitions, emulators). */
export interface Fallback {
  /** The equivalent fetch; its value goes to the same field. */
  fetch: Omit<Fetch, 'field' | 'fallback'>;
  /** What the equivalent does not see, added to the gap of the missing operation. */
  note: string;
}

/**
 * One field of a snapshot record, filled by one call (or one listing). Fetches nest: the
 * items of a listing can be described one by one and receive their own fetches.
 */
export interface Fetch {
  /** Field of the parent record (or of the service section) that receives the result. */
  field: string;
  call: CallSpec;
  paginate?: Pagination;
  /**
   * Output field holding the listed items, or a function that extracts them. Without it the
   * fetch stores one response: `pick` of it, or all of it (pages merged when paginated).
   */
  items?: string | ((output: Rec) => unknown[]);
  /** Output field to store, for single responses. */
  pick?: string;
  /**
   * Turns a listed item into a record (EKS lists names: `name => ({ name })`); the parent lends
   * ids the describe call needs that the item lacks (an action group's agent).
   */
  record?: (item: unknown, parent: Rec) => Rec;
  /** Error codes that mean "nothing there" (`NoSuchBucketPolicy`): the field stays absent, no gap. */
  absentOn?: readonly string[];
  /** Names the resource of this fetch's own call in coverage records (default: the enclosing item's name). */
  resource?: (parent: Rec) => string;
  /** Sends this fetch's call to another region than the unit's (default: the enclosing item's region). */
  region?: (parent: Rec) => string | undefined;
  /** Names each listed item in coverage records of its describe call and its details. */
  name?: (item: Rec) => string;
  /** The region each listed item's describe call and details go to (S3 buckets live in their own region). */
  itemRegion?: (item: Rec) => string | undefined;
  /** Most items to keep, newest first when the listing is sorted that way. */
  limit?: (context: UnitContext) => number;
  describe?: DescribeSpec;
  /** Fetches run on every item (or on the stored response), in order: later ones may read earlier fields. */
  details?: readonly Fetch[];
  /** Runs this fetch once per record that `over` returns, concatenating the items (ListAccessKeys per user). */
  over?: (section: Rec) => Rec[];
  /** Fields of the section that must be fetched first (what `over` reads). */
  after?: readonly string[];
  /** The section is not collected at all when this fetch fails (the service's main listing). */
  required?: boolean;
  /** Runs the fetch only for parents it applies to (a node group with a launch template). */
  when?: (parent: Rec) => boolean;
  /** An equivalent to use when the endpoint lacks this fetch's operation. */
  fallback?: Fallback;
}

/**
 * Where a descriptor's section goes: an account-wide key (`iam`), a key of each region
 * (`Lambda`), or the snapshot's `organization` (collected once, from the caller's account).
 */
export type SectionScope = 'global' | 'regional' | 'organization';

/** One service: its client, its section of the snapshot, and the fetches that fill it. */
export interface ServiceDescriptor {
  /** Coverage service name and `--services` value: the IAM action prefix (`lambda`). */
  service: string;
  scope: SectionScope;
  /** The snapshot key: `iam`/`s3` on the account, or `Lambda`, `SageMaker`... in a region. */
  section: string;
  client: ClientClass;
  fetches: readonly Fetch[];
  /**
   * Reshapes the collected section (Organizations flattens its OU tree); `note` records an
   * oddity of data that is kept (a field derived because AWS's answer lacked it).
   */
  finish?: (section: Rec, note: Note) => Rec;
}

/** Records an oddity of collected data: the operation that returned it, what was odd, and which resource. */
export type Note = (operation: string, message: string, resource?: string) => void;

/** `ListFunctionsCommand` -> `ListFunctions`. */
export function operationName(command: CommandClass): string {
  return command.name.replace(/Command$/, '');
}

/** Builds a CallSpec while type-checking the input against the command's own input type. */
export function call<C extends new (input: never) => unknown>(
  command: C,
  input?: (parent: Rec, context: UnitContext) => NonNullable<ConstructorParameters<C>[0]>,
  client?: ClientClass,
): CallSpec {
  return {
    command: command as unknown as CommandClass,
    input: (input ?? (() => ({}))) as (parent: Rec, context: UnitContext) => Rec,
    ...(client ? { client } : {}),
  };
}

/** The records a batched describe call is for (its input builder's parent is `{ records }`). */
export function batchOf(parent: Rec): Rec[] {
  const records = parent['records'];
  return Array.isArray(records) ? (records as Rec[]) : [];
}

/** Reads a string field of a record (AWS ids and names), or '' when missing. */
export function str(record: Rec, field: string): string {
  const value = record[field];
  return typeof value === 'string' ? value : '';
}
