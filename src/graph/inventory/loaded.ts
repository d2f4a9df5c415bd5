/** What the graph stage receives from loading: the validated, redacted snapshot. */
import type { DetectedCredential, Snapshot } from '../../snapshot/index.js';

/** A snapshot after validation and redaction, with the credentials redaction found. */
export interface LoadedSnapshot {
  snapshot: Snapshot;
  credentials: DetectedCredential[];
}
