/**
 * Private and public address space, for telling a network-scoped grant from an internet-wide
 * one: RFC 1918 and RFC 6598 (shared, carrier-grade NAT) IPv4 blocks, loopback, link-local,
 * the unspecified block, and IPv6 unique local (RFC 4193), link-local and loopback addresses.
 * An internet caller's `aws:SourceIp` is never one of them. Also the boundary addresses of a
 * set of blocks, which the choice of a public address ranges over (choices.ts).
 */
import { parseCidr, type Cidr } from './ip.js';

/** Blocks no caller on the internet can have as its source address. */
export const NON_PUBLIC_BLOCKS: readonly Cidr[] = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '::/128',
  '::1/128',
  'fc00::/7',
  'fe80::/10',
].map((text) => parseCidr(text)!);

const bits = (v6: boolean): bigint => (v6 ? 128n : 32n);

function contains(block: Cidr, v6: boolean, value: bigint): boolean {
  if (block.v6 !== v6) return false;
  const shift = bits(v6) - BigInt(block.prefix);
  return (value >> shift) << shift === block.network;
}

/** True when the address lies in one of the non-public blocks. */
export function isNonPublic(v6: boolean, value: bigint): boolean {
  return NON_PUBLIC_BLOCKS.some((block) => contains(block, v6, value));
}

/** True when a CIDR block lies entirely inside the non-public blocks (10.1.0.0/16, fd00::/8). */
export function isNonPublicBlock(block: Cidr): boolean {
  return NON_PUBLIC_BLOCKS.some((outer) => outer.v6 === block.v6 && outer.prefix <= block.prefix && contains(outer, block.v6, block.network));
}

/** Text form of an address: dotted quad, or eight uncompressed hex groups. */
export function formatAddress(v6: boolean, value: bigint): string {
  if (!v6) return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
  const groups: string[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(((value >> shift) & 0xffffn).toString(16));
  return groups.join(':');
}

/**
 * Addresses that stand for every address (every public one, with `publicOnly`) as far as these
 * blocks can tell: one per stretch of address space that every block, and every non-public
 * block, either wholly contains or wholly misses. Whatever an IpAddress test over these blocks
 * says of some address, it says of one of them.
 */
export function addressRepresentatives(blocks: readonly Cidr[], publicOnly: boolean): string[] {
  const starts = new Map<string, { v6: boolean; value: bigint }>();
  const add = (v6: boolean, value: bigint) => {
    if (value >= 0n && value < 1n << bits(v6)) starts.set(`${v6}|${value}`, { v6, value });
  };
  add(false, 0n);
  add(true, 0n);
  for (const block of [...blocks, ...NON_PUBLIC_BLOCKS]) {
    add(block.v6, block.network);
    add(block.v6, block.network + (1n << (bits(block.v6) - BigInt(block.prefix))));
  }
  return [...starts.values()]
    .filter(({ v6, value }) => !publicOnly || !isNonPublic(v6, value))
    .sort((a, b) => Number(a.v6) - Number(b.v6) || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
    .map(({ v6, value }) => formatAddress(v6, value));
}
