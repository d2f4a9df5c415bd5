/**
 * The registry of technique relations: one module per relation of the rules schema
 * (TECHNIQUE_RELATIONS in src/rules/schema.ts); tsc rejects a relation without a module here.
 */
import type { TechniqueRelation } from '../../../rules/index.js';
import type { Relation } from '../relation.js';
import { agentTool } from './agent-tool.js';
import { assumeRole } from './assume-role.js';
import { clusterAccess } from './cluster-access.js';
import { credentialRead } from './credential-read.js';
import { existingResource } from './existing-resource.js';
import { frontDoorCall } from './front-door-call.js';
import { joinGroup } from './join-group.js';
import { passRole } from './pass-role.js';
import { prefixAccess } from './prefix-access.js';
import { roleTakeover } from './role-takeover.js';
import { selfAdmin } from './self-admin.js';
import { selfUnblock } from './self-unblock.js';
import { supplyChain } from './supply-chain.js';
import { unblockTakeover } from './unblock-takeover.js';
import { userCredential } from './user-credential.js';

/** Every relation's behaviour, by the name rules use. */
export const RELATIONS = {
  'self-admin': selfAdmin,
  'pass-role': passRole,
  'existing-resource': existingResource,
  'user-credential': userCredential,
  'assume-role': assumeRole,
  'join-group': joinGroup,
  'self-unblock': selfUnblock,
  'role-takeover': roleTakeover,
  'supply-chain': supplyChain,
  'prefix-access': prefixAccess,
  'agent-tool': agentTool,
  'credential-read': credentialRead,
  'unblock-takeover': unblockTakeover,
  'cluster-access': clusterAccess,
  'front-door-call': frontDoorCall,
} satisfies Record<TechniqueRelation, Relation>;
