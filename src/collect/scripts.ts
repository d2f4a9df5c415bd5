/**
 * Notebook lifecycle scripts are base64 shell scripts, and people paste keys into them. The
 * snapshot stage redacts environment variables; scripts are redacted here, at the source, so a
 * written snapshot never holds a credential from one: each script is decoded, passed through
 * the same shape-based filter every output gets, and re-encoded only when something changed.
 */
import { redactText } from '../snapshot/index.js';
import type { Rec } from './engine/descriptor.js';

/** Redacts credential-shaped text inside every lifecycle script of a raw snapshot, in place. */
export function redactLifecycleScripts(raw: Rec): void {
  for (const account of (raw['accounts'] ?? []) as Rec[]) {
    for (const region of Object.values((account['regions'] ?? {}) as Record<string, Rec>)) {
      const sagemaker = region['SageMaker'] as { NotebookInstanceLifecycleConfigs?: Rec[] } | undefined;
      for (const config of sagemaker?.NotebookInstanceLifecycleConfigs ?? []) {
        for (const hook of ['OnCreate', 'OnStart']) {
          for (const script of (config[hook] ?? []) as Array<{ Content?: unknown }>) {
            if (typeof script.Content === 'string') script.Content = redactScript(script.Content);
          }
        }
      }
    }
  }
}

function redactScript(content: string): string {
  const text = Buffer.from(content, 'base64').toString('utf8');
  const redacted = redactText(text);
  return redacted === text ? content : Buffer.from(redacted, 'utf8').toString('base64');
}
