/**
 * What the collectors keep of a DescribeLaunchTemplateVersions answer: only the fields a reader
 * needs, never the rest of `LaunchTemplateData` (user data can hold secrets).
 */
import type { Rec } from '../../engine/descriptor.js';

/** Each version with only the named top-level fields and the named `LaunchTemplateData` fields, in that order. */
export function keepLaunchTemplateVersionFields(output: Rec, top: readonly string[], data: readonly string[]): Rec[] {
  const versions = (output['LaunchTemplateVersions'] ?? []) as Rec[];
  return versions.map((version) => {
    const launchData = version['LaunchTemplateData'] as Rec | undefined;
    const kept: Rec = {};
    for (const field of top) kept[field] = version[field];
    for (const field of data) kept[field] = launchData?.[field];
    return kept;
  });
}
