/**
 * Condition keys the request itself decides when the context does not say: the time keys from
 * the moment of the request (`at`), and `aws:RequestedRegion` from where the request must go
 * (a global service's single endpoint, the region in the resource's ARN, or the resource's
 * known region). Everything else stays unknown.
 */
import { parseDate } from './dates.js';
import type { AccessRequest } from './types.js';

/**
 * Services with a single endpoint in us-east-1 in the `aws` partition: every request to them
 * carries `aws:RequestedRegion` us-east-1 (IAM User Guide, "AWS: Denies access to AWS based on
 * the requested Region").
 */
const US_EAST_1_ONLY = new Set(['iam', 'cloudfront', 'route53', 'support']);

function partitionOf(request: AccessRequest): string {
  const arn = request.resource.startsWith('arn:') ? request.resource : request.principal.arn;
  return arn.startsWith('arn:') ? arn.slice(4, arn.indexOf(':', 4)) : 'aws';
}

/** The region field of an ARN: `''` for none, undefined when the text is not an ARN. */
function arnRegion(arn: string): string | undefined {
  const parts = arn.split(':', 5);
  return parts.length === 5 && parts[0] === 'arn' ? parts[3] : undefined;
}

/**
 * The region the request must be sent to, when the request fixes it: a global service's
 * endpoint, the resource ARN's region, or the resource's known region (an S3 bucket's location).
 */
export function fixedRegion(request: AccessRequest): string | undefined {
  const service = request.action.slice(0, request.action.indexOf(':')).toLowerCase();
  if (US_EAST_1_ONLY.has(service) && partitionOf(request) === 'aws') return 'us-east-1';
  const region = arnRegion(request.resource);
  if (region && !region.includes('*') && !region.includes('?')) return region;
  return request.resourceRegion;
}

/**
 * True when the caller picks the region: nothing fixes it and the resource is not one that
 * lives in a region its ARN does not show (an S3 bucket whose location is unknown stays open).
 * A request on `*`, on a partition-wide resource (an IAM role for `sts:AssumeRole`) or on an ARN
 * pattern over regions can go to any region the caller chooses.
 */
export function regionIsChosen(request: AccessRequest): boolean {
  if (fixedRegion(request) !== undefined) return false;
  return !/^arn:[^:]+:s3:/.test(request.resource);
}

const EPOCH_TIME = 'aws:epochtime';
const CURRENT_TIME = 'aws:currenttime';
const TOKEN_ISSUE_TIME = 'aws:tokenissuetime';
const REQUESTED_REGION = 'aws:requestedregion';

/**
 * The value the request decides for a lower-cased key: a list, `null` when known absent,
 * undefined when the request does not decide it.
 */
export function derivedValue(request: AccessRequest, key: string): readonly string[] | null | undefined {
  switch (key) {
    case REQUESTED_REGION: {
      const region = fixedRegion(request);
      return region === undefined ? undefined : [region];
    }
    // "Always included in the request context" (IAM User Guide, AWS global condition context keys).
    case CURRENT_TIME:
      return request.at === undefined ? undefined : [request.at];
    case EPOCH_TIME: {
      const ms = request.at === undefined ? undefined : parseDate(request.at);
      return ms === undefined ? undefined : [String(Math.floor(ms / 1000))];
    }
    // Present for temporary credentials only. A role acts through sessions, and the one the
    // attack uses is obtained at the time of the request; an anonymous caller has no token.
    // Users may call with long-term keys or a session token: left open.
    case TOKEN_ISSUE_TIME:
      if (request.principal.type === 'anonymous') return null;
      return request.principal.type === 'role' && request.at !== undefined ? [request.at] : undefined;
    default:
      return undefined;
  }
}
