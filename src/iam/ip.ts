/**
 * IP addresses and CIDR blocks for the IpAddress / NotIpAddress operators (RFC 4632 for IPv4,
 * RFC 4291 text forms for IPv6). Addresses become bigints so one containment test serves both
 * families; a value without a prefix length is a single address.
 */

/** A parsed address: its family and value. */
interface Address {
  v6: boolean;
  value: bigint;
}

/** A CIDR block ready for containment tests. */
export interface Cidr {
  v6: boolean;
  network: bigint;
  prefix: number;
}

function parseV4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = (value << 8n) | BigInt(Number(part));
  }
  return value;
}

function groupsOf(text: string): string[] | undefined {
  if (text === '') return [];
  const groups = text.split(':');
  return groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g)) ? groups : undefined;
}

function parseV6(text: string): bigint | undefined {
  let body = text;
  // An embedded IPv4 address (`::ffff:192.0.2.1`) stands for the last two groups.
  const lastColon = body.lastIndexOf(':');
  if (body.slice(lastColon + 1).includes('.')) {
    const v4 = parseV4(body.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    body = `${body.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const head = groupsOf(halves[0]!);
  const rest = halves.length === 2 ? groupsOf(halves[1]!) : [];
  if (!head || !rest) return undefined;
  const written = head.length + rest.length;
  if (halves.length === 1 ? written !== 8 : written > 7) return undefined;
  const zeros = halves.length === 2 ? Array<string>(8 - written).fill('0') : [];
  let value = 0n;
  for (const group of [...head, ...zeros, ...rest]) value = (value << 16n) | BigInt(parseInt(group, 16));
  return value;
}

function parseAddress(text: string): Address | undefined {
  const trimmed = text.trim();
  if (trimmed.includes(':')) {
    const value = parseV6(trimmed);
    return value === undefined ? undefined : { v6: true, value };
  }
  const value = parseV4(trimmed);
  return value === undefined ? undefined : { v6: false, value };
}

/** Parses `203.0.113.0/24`, `2001:db8::/32` or a bare address; undefined when invalid. */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  const address = parseAddress(slash < 0 ? text : text.slice(0, slash));
  if (!address) return undefined;
  const bits = address.v6 ? 128 : 32;
  const prefixText = slash < 0 ? String(bits) : text.slice(slash + 1).trim();
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > bits) return undefined;
  const prefix = Number(prefixText);
  const shift = BigInt(bits - prefix);
  return { v6: address.v6, network: (address.value >> shift) << shift, prefix };
}

/** True when the address text lies inside the block (same family only). */
export function cidrContains(cidr: Cidr, addressText: string): boolean {
  const address = parseAddress(addressText);
  if (!address || address.v6 !== cidr.v6) return false;
  const shift = BigInt((cidr.v6 ? 128 : 32) - cidr.prefix);
  return (address.value >> shift) << shift === cidr.network;
}
