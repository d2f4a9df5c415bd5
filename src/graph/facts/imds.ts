/**
 * The instance metadata service as an attacker meets it. With IMDSv1 allowed (`HttpTokens:
 * optional`) a plain GET returns the instance role's credentials, so a server-side request
 * forgery is enough, and the hop limit does not apply. IMDSv2 (`required`) needs a PUT for a
 * session token whose response travels `HttpPutResponseHopLimit` network hops: at 1 it never
 * reaches a container behind a bridge or a pod's network namespace, at 2 or more it does.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-existing-instances.html
 */

/** Metadata options as collected (DescribeInstances, launch template versions). */
export interface MetadataOptions {
  httpTokens?: string;
  hopLimit?: number;
  httpEndpoint?: string;
  /** The configuration field they were read from, for provenance. */
  field: string;
  /** The resource that field belongs to. */
  resource: string;
}

/** How the metadata service answers: IMDSv1 allowed, IMDSv2 only (with its hop limit), switched off, or not known. */
export type ImdsPosture = 'v1' | 'v2' | 'v2-hop-limit-1' | 'disabled' | 'unknown';

/** The posture of a set of metadata options; absent options are unknown. */
export function imdsPosture(options: MetadataOptions | undefined): ImdsPosture {
  if (!options) return 'unknown';
  if (options.httpEndpoint === 'disabled') return 'disabled';
  if (options.httpTokens === 'optional') return 'v1';
  if (options.httpTokens !== 'required') return 'unknown';
  if (options.hopLimit === undefined) return 'unknown';
  return options.hopLimit >= 2 ? 'v2' : 'v2-hop-limit-1';
}

/** Whether code in a container or pod on the host reaches the instance role's credentials; undefined when unknown. */
export function reachableFromContainers(posture: ImdsPosture): boolean | undefined {
  if (posture === 'unknown') return undefined;
  return posture === 'v1' || posture === 'v2';
}

/** Metadata options in a snapshot's AWS shape, as facts. */
export function metadataOptions(
  options: { HttpTokens?: string | undefined; HttpPutResponseHopLimit?: number | undefined; HttpEndpoint?: string | undefined } | undefined,
  at: { resource: string; field: string },
): MetadataOptions | undefined {
  if (!options) return undefined;
  return {
    ...at,
    ...(options.HttpTokens ? { httpTokens: options.HttpTokens } : {}),
    ...(options.HttpPutResponseHopLimit !== undefined ? { hopLimit: options.HttpPutResponseHopLimit } : {}),
    ...(options.HttpEndpoint ? { httpEndpoint: options.HttpEndpoint } : {}),
  };
}
