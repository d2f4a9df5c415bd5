/**
 * The contract between `npm run bench` and each benchmark module: every `bench/*.bench.ts`
 * exports `export default async function bench(): Promise<BenchSection | BenchSection[]>`. The runner prints
 * each section as a table (one column per row key, in first-seen order) and writes all of them
 * to bench/results.json.
 */

/** One benchmark's output: a titled table and optional notes printed under it. */
export type BenchSection = { title: string; rows: Array<Record<string, string | number>>; notes?: string[] };
