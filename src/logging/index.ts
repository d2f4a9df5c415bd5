/**
 * What the accounts record: CloudTrail trails and Bedrock invocation logging (facts.ts), and
 * whether each hop of a path would leave a record (hops.ts). Reads the snapshot once; analysis
 * and posture checks ask it.
 */
export { readLoggingFacts, trailsCollected, type AccountLogging, type InvocationLogging, type LoggingFacts, type TrailFacts } from './facts.js';
export { HOP_RECORDS, hopRecord, PATH_LOGGING, pathLogging, type Hop, type HopRecord, type HopRecordStatus, type PathLogging } from './hops.js';
export { trailEvent, type TrailEvent } from './events.js';
