/**
 * Front doors as the facts layer reads them: an API Gateway route of a deployed stage, an
 * AgentCore gateway or runtime. Each says how its callers authenticate, which IAM action a
 * signed caller needs on which ARN, the resource policy and network limits that apply, and
 * where it passes the request (a function, an AWS service through a credentials role, a
 * backend outside AWS). Detectors and the front-door step decide from these; nothing here
 * evaluates a caller.
 */
import type { CompiledPolicy } from '../../iam/index.js';
import type { Provenance } from '../schema.js';

/** An authorizer in front of a front door, and who it admits. */
export interface Authorizer {
  /** `cognito`: a Cognito user pool; `jwt`: any OIDC issuer; `lambda`: custom code. */
  type: 'cognito' | 'jwt' | 'lambda';
  /** The authorizer's name as configured (or the front door's, for AgentCore). */
  name: string;
  /**
   * What admits its callers, each the id of an outsider: a user pool ARN, an issuer URL, or the
   * authorizer function's ARN.
   */
  issuers: string[];
  /** The configuration record naming the authorizer. */
  evidence: Provenance;
}

/** How the callers of a front door authenticate. */
export type CallerAuth = { kind: 'none' } | { kind: 'iam' } | { kind: 'authorizer'; authorizer: Authorizer };

/** Where a front door passes a request. */
export type Backend =
  | { kind: 'function'; arn: string; credentials?: string; evidence: Provenance }
  | {
      kind: 'aws-service';
      /** The action the integration performs, e.g. `s3:GetObject`, `sagemaker:InvokeEndpoint`. */
      action: string;
      /** The resource it is performed on; absent when the caller's request chooses it (a path parameter). */
      resource?: string;
      /** The role API Gateway assumes for the call; without one the call cannot be made. */
      credentials?: string;
      evidence: Provenance;
    }
  | {
      kind: 'external';
      /** The URL, listener or target the request leaves AWS for (node `external:<endpoint>`). */
      endpoint: string;
      /** A VPC link the request goes through, when it does. */
      via?: string;
      evidence: Provenance;
    };

/** One front door: a route of a deployed API stage, an AgentCore gateway or runtime. */
export interface FrontDoor {
  /** The IAM action a signed (SigV4) caller needs, and the ARN it is authorized on. */
  invoke: { action: string; arn: string };
  auth: CallerAuth;
  /** The resource policy of the API, gateway or runtime, when it has one. */
  policy?: CompiledPolicy;
  /** The resource policy could not be read: decisions that depend on it stay open. */
  policyUnreadable?: boolean;
  /** A private REST API: reachable through execute-api VPC endpoints only. */
  privateEndpoint?: boolean;
  /** The default endpoint is disabled: callers need a custom domain name (not collected). */
  defaultEndpointDisabled?: boolean;
  /** An API key is required (a usage-plan key: identification, not authorization). */
  apiKeyRequired?: boolean;
  backends: Backend[];
  /** The configuration records that make it a front door: stage, method or route, authorization. */
  evidence: Provenance[];
  /** What reports name: api, stage, route, authorizer. */
  detail: Record<string, string>;
}
