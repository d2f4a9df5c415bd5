/**
 * Meta-tests over the collector registry: every service folder is registered under its own
 * `--services` name, every descriptor fills a section the snapshot format has, fetch
 * dependencies point backwards, and descriptors come in registry order.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Fetch } from '../../src/collect/engine/descriptor.js';
import { COLLECTORS, loadDescriptors, SERVICE_NAMES, type ServiceName } from '../../src/collect/index.js';
import { UNSUPPORTED_SERVICES } from '../../src/collect/scope.js';
import { AccountData, RegionData, Snapshot } from '../../src/snapshot/index.js';

const SERVICE_DESCRIPTORS = await loadDescriptors(SERVICE_NAMES);

describe('collector registry', () => {
  it('registers every folder under src/collect/services, under its folder name', () => {
    const folders = readdirSync('src/collect/services').sort();
    expect(folders.filter((folder) => !(SERVICE_NAMES as readonly string[]).includes(folder))).toEqual([]);
    expect([...SERVICE_NAMES]).toEqual(folders);
  });

  it.each(Object.entries(COLLECTORS))('%s loads descriptors recording that service', async (name, load) => {
    const descriptors = await load();
    expect(descriptors.length).toBeGreaterThan(0);
    expect(descriptors.map((d) => d.service)).toEqual(descriptors.map(() => name));
  });

  it('loads only the services asked for, in registry order whatever the order asked', async () => {
    const asked: ServiceName[] = ['lambda', 'apigateway', 'iam'];
    const sections = (await loadDescriptors(asked)).map((d) => d.section);
    expect(sections).toEqual(['iam', 'Lambda', 'ApiGateway', 'ApiGatewayV2']);
    expect((await loadDescriptors([...asked].reverse())).map((d) => d.section)).toEqual(sections);
  });

  it('keeps the services without a collector apart from the collected ones', () => {
    expect(UNSUPPORTED_SERVICES.filter((service) => (SERVICE_NAMES as readonly string[]).includes(service))).toEqual([]);
  });

  it('lists the --services names the descriptors use, each once', () => {
    expect([...new Set(SERVICE_DESCRIPTORS.map((d) => d.service))].sort()).toEqual([...SERVICE_NAMES]);
    const sections = SERVICE_DESCRIPTORS.map((d) => d.section);
    expect(new Set(sections).size).toBe(sections.length);
  });

  it.each(SERVICE_DESCRIPTORS.map((d) => [d.section, d] as const))('%s is a section of the snapshot format', (section, descriptor) => {
    const shape = descriptor.scope === 'regional' ? RegionData.shape : descriptor.scope === 'global' ? AccountData.shape : Snapshot.shape;
    expect(Object.keys(shape)).toContain(section);
  });

  it.each(SERVICE_DESCRIPTORS.map((d) => [d.section, d] as const))('%s: fetches are well formed', (_section, descriptor) => {
    const seen: string[] = [];
    for (const fetch of descriptor.fetches) {
      for (const dependency of fetch.after ?? []) expect(seen, `${fetch.field} runs after ${dependency}`).toContain(dependency);
      seen.push(fetch.field);
    }
    const check = (fetch: Fetch, depth: number) => {
      if (fetch.describe || fetch.record || fetch.name || fetch.itemRegion || fetch.limit) expect(fetch.items, `${fetch.field} lists items`).toBeDefined();
      if (fetch.items === undefined) expect(fetch.pick === undefined || fetch.paginate === undefined, `${fetch.field}: pick or merged pages`).toBe(true);
      // Organizations' OU walk refers to itself; everything else nests a few levels at most.
      if (depth < 4) for (const detail of fetch.details ?? []) check(detail, depth + 1);
    };
    for (const fetch of descriptor.fetches) check(fetch, 0);
    expect(new Set(descriptor.fetches.map((f) => f.field)).size).toBe(descriptor.fetches.length);
  });
});
