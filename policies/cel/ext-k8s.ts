/** Kubernetes CEL libraries: quantity, url, ip, cidr, semver; authorizer is not evaluable offline. */
import { CelError, CelOpaque, CelUnknown, type Value } from './values';
import { asString, define, fail } from './functions';

// ---- quantity: exact value as a fraction numerator / 10^9 (nano units), as resource.Quantity compares ----
const SUFFIX: Record<string, [bigint, bigint]> = {
  '': [1n, 1n], n: [1n, 1000000000n], u: [1n, 1000000n], m: [1n, 1000n], k: [1000n, 1n], M: [10n ** 6n, 1n], G: [10n ** 9n, 1n],
  T: [10n ** 12n, 1n], P: [10n ** 15n, 1n], E: [10n ** 18n, 1n], Ki: [1024n, 1n], Mi: [1024n ** 2n, 1n], Gi: [1024n ** 3n, 1n],
  Ti: [1024n ** 4n, 1n], Pi: [1024n ** 5n, 1n], Ei: [1024n ** 6n, 1n],
};

export class Quantity {
  constructor(readonly nano: bigint, readonly text: string) {}
  equals(o: unknown): boolean { return o instanceof Quantity && o.nano === this.nano; }
  toString(): string { return this.text; }
}

export function parseQuantity(s: string): Quantity | undefined {
  const m = /^([+-]?)([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?[0-9]+))?$/.exec(s);
  if (!m) return undefined;
  const [whole, frac = ''] = m[2].split('.');
  let num = BigInt((whole || '0') + frac) * 1000000000n;
  let den = 10n ** BigInt(frac.length);
  if (m[4] !== undefined) {
    const e = Number(m[4]);
    if (Math.abs(e) > 40) return undefined;
    if (e >= 0) num *= 10n ** BigInt(e); else den *= 10n ** BigInt(-e);
  } else {
    const [mul, div] = SUFFIX[m[3] ?? ''];
    num *= mul;
    den *= div;
  }
  // resource.Quantity rounds up to nano precision
  let nano = num / den + (num % den ? 1n : 0n);
  if (m[1] === '-') nano = -nano;
  return new Quantity(nano, s);
}

const q = (v: Value | undefined, pos: number, fn: string): Quantity => {
  if (!(v instanceof CelOpaque) || !(v.v instanceof Quantity)) fail(pos, fn, v);
  return v.v;
};
const mkq = (nano: bigint): CelOpaque => new CelOpaque('kubernetes.Quantity', new Quantity(nano, formatNano(nano)));
const other = (v: Value | undefined, pos: number, fn: string): bigint => (typeof v === 'bigint' ? v * 1000000000n : q(v, pos, fn).nano);

function formatNano(n: bigint): string {
  if (n % 1000000000n === 0n) return (n / 1000000000n).toString();
  if (n % 1000000n === 0n) return `${n / 1000000n}m`;
  if (n % 1000n === 0n) return `${n / 1000n}u`;
  return `${n}n`;
}

define('quantity', (_r, a, pos) => {
  const s = asString(a[0], pos, 'quantity');
  const v = parseQuantity(s);
  if (!v) throw new CelError(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$': ${s}`, pos);
  return new CelOpaque('kubernetes.Quantity', v);
});
define('isQuantity', (_r, a, pos) => parseQuantity(asString(a[0], pos, 'isQuantity')) !== undefined);
define('sign', (r, _a, pos) => { const n = q(r, pos, 'sign').nano; return n > 0n ? 1n : n < 0n ? -1n : 0n; });
define('isInteger', (r, _a, pos) => q(r, pos, 'isInteger').nano % 1000000000n === 0n);
define('asInteger', (r, _a, pos) => {
  const n = q(r, pos, 'asInteger').nano;
  if (n % 1000000000n) throw new CelError('cannot convert value to integer', pos);
  return n / 1000000000n;
});
define('asApproximateFloat', (r, _a, pos) => Number(q(r, pos, 'asApproximateFloat').nano) / 1e9);
define('compareTo', (r, a, pos) => { const x = q(r, pos, 'compareTo').nano; const y = q(a[0], pos, 'compareTo').nano; return x < y ? -1n : x > y ? 1n : 0n; });
define('add', (r, a, pos) => mkq(q(r, pos, 'add').nano + other(a[0], pos, 'add')));
define('sub', (r, a, pos) => mkq(q(r, pos, 'sub').nano - other(a[0], pos, 'sub')));
define('isGreaterThan', (r, a, pos) => (r instanceof CelOpaque && r.v instanceof Semver ? semverCmp(r, a[0], pos) > 0 : q(r, pos, 'isGreaterThan').nano > q(a[0], pos, 'isGreaterThan').nano));
define('isLessThan', (r, a, pos) => (r instanceof CelOpaque && r.v instanceof Semver ? semverCmp(r, a[0], pos) < 0 : q(r, pos, 'isLessThan').nano < q(a[0], pos, 'isLessThan').nano));

// ---- url ----
function parseUrl(s: string): URL | undefined {
  if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(s) && !s.startsWith('/')) return undefined;
  try { return new URL(s, s.startsWith('/') ? 'relative:///' : undefined); } catch { return undefined; }
}
const u = (v: Value | undefined, pos: number, fn: string): URL => {
  if (!(v instanceof CelOpaque) || !(v.v instanceof URL)) fail(pos, fn, v);
  return v.v;
};
define('url', (_r, a, pos) => {
  const s = asString(a[0], pos, 'url');
  const v = parseUrl(s);
  if (!v) throw new CelError(`URL parse error during conversion from string: ${s}`, pos);
  return new CelOpaque('kubernetes.URL', v);
});
define('isURL', (_r, a, pos) => parseUrl(asString(a[0], pos, 'isURL')) !== undefined);
define('getScheme', (r, _a, pos) => { const x = u(r, pos, 'getScheme'); return x.protocol === 'relative:' ? '' : x.protocol.replace(/:$/, ''); });
define('getHost', (r, _a, pos) => u(r, pos, 'getHost').host);
define('getHostname', (r, _a, pos) => u(r, pos, 'getHostname').hostname.replace(/^\[|\]$/g, ''));
define('getPort', (r, _a, pos) => u(r, pos, 'getPort').port);
define('getEscapedPath', (r, _a, pos) => u(r, pos, 'getEscapedPath').pathname);
define('getQuery', (r, _a, pos) => {
  const m = new Map<string, Value>();
  for (const [k, v] of u(r, pos, 'getQuery').searchParams) {
    const l = (m.get(k) as Value[] | undefined) ?? [];
    l.push(v);
    m.set(k, l);
  }
  return m;
});

// ---- ip / cidr (IPv4 and IPv6, as bigints) ----
interface Ip { family: 4 | 6; n: bigint; text: string }
function parseIp(s: string): Ip | undefined {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (v4) {
    const parts = v4.slice(1).map(Number);
    if (parts.some((p, i) => p > 255 || (v4[i + 1].length > 1 && v4[i + 1][0] === '0'))) return undefined;
    return { family: 4, n: parts.reduce((acc, p) => (acc << 8n) + BigInt(p), 0n), text: s };
  }
  if (!s.includes(':') || s.includes('%') || s.includes('.')) return undefined;
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const groups = (h: string) => (h ? h.split(':') : []);
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  const fill = 8 - head.length - tail.length;
  if ((halves.length === 1 && fill !== 0) || fill < 0 || (halves.length === 2 && fill < 1)) return undefined;
  const all = [...head, ...Array(halves.length === 2 ? fill : 0).fill('0'), ...tail];
  if (all.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return { family: 6, n: all.reduce((acc, g) => (acc << 16n) + BigInt(parseInt(g, 16)), 0n), text: s };
}
class Cidr { constructor(readonly ip: Ip, readonly bits: number) {} toString(): string { return `${this.ip.text}/${this.bits}`; } }
function parseCidr(s: string): Cidr | undefined {
  const [a, b, extra] = s.split('/');
  if (extra !== undefined || b === undefined || !/^\d+$/.test(b)) return undefined;
  const ip = parseIp(a);
  if (!ip || Number(b) > (ip.family === 4 ? 32 : 128)) return undefined;
  return new Cidr(ip, Number(b));
}
const ipOf = (v: Value | undefined, pos: number, fn: string): Ip => {
  if (v instanceof CelOpaque && v.type === 'net.IP') return v.v as Ip;
  if (typeof v === 'string') { const p = parseIp(v); if (p) return p; }
  fail(pos, fn, v);
};
const cidrOf = (v: Value | undefined, pos: number, fn: string): Cidr => {
  if (v instanceof CelOpaque && v.v instanceof Cidr) return v.v;
  if (typeof v === 'string') { const c = parseCidr(v); if (c) return c; }
  fail(pos, fn, v);
};
define('ip', (r, a, pos) => {
  if (r instanceof CelOpaque && r.v instanceof Cidr) return new CelOpaque('net.IP', r.v.ip);
  const s = asString(a[0], pos, 'ip');
  const v = parseIp(s);
  if (!v) throw new CelError(`IP Address '${s}' parse error during conversion from string`, pos);
  return new CelOpaque('net.IP', v);
});
define('isIP', (_r, a, pos) => parseIp(asString(a[0], pos, 'isIP')) !== undefined);
define('cidr', (_r, a, pos) => {
  const s = asString(a[0], pos, 'cidr');
  const v = parseCidr(s);
  if (!v) throw new CelError(`network address parse error during conversion from string: ${s}`, pos);
  return new CelOpaque('net.IPNet', v);
});
define('isCIDR', (_r, a, pos) => parseCidr(asString(a[0], pos, 'isCIDR')) !== undefined);
define('family', (r, _a, pos) => BigInt(ipOf(r, pos, 'family').family));
define('isLoopback', (r, _a, pos) => { const x = ipOf(r, pos, 'isLoopback'); return x.family === 4 ? x.n >> 24n === 127n : x.n === 1n; });
define('isUnspecified', (r, _a, pos) => ipOf(r, pos, 'isUnspecified').n === 0n);
define('containsIP', (r, a, pos) => {
  const c = cidrOf(r, pos, 'containsIP');
  const ip = ipOf(a[0], pos, 'containsIP');
  const width = c.ip.family === 4 ? 32 : 128;
  if (ip.family !== c.ip.family) return false;
  const shift = BigInt(width - c.bits);
  return ip.n >> shift === c.ip.n >> shift;
});
define('prefixLength', (r, _a, pos) => BigInt(cidrOf(r, pos, 'prefixLength').bits));

// ---- semver ----
class Semver {
  constructor(readonly major: bigint, readonly minor: bigint, readonly patch: bigint, readonly pre: string, readonly text: string) {}
  equals(o: unknown): boolean { return o instanceof Semver && this.text === o.text; }
  toString(): string { return this.text; }
}
function parseSemver(s: string): Semver | undefined {
  const m = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(s);
  return m ? new Semver(BigInt(m[1]), BigInt(m[2]), BigInt(m[3]), m[4] ?? '', s) : undefined;
}
function semverCmp(a: Value | undefined, b: Value | undefined, pos: number): number {
  if (!(a instanceof CelOpaque) || !(a.v instanceof Semver) || !(b instanceof CelOpaque) || !(b.v instanceof Semver)) fail(pos, 'semver compare', a, b);
  const x = a.v;
  const y = b.v;
  for (const k of ['major', 'minor', 'patch'] as const) if (x[k] !== y[k]) return x[k] < y[k] ? -1 : 1;
  if (x.pre === y.pre) return 0;
  if (!x.pre) return 1;
  if (!y.pre) return -1;
  return x.pre < y.pre ? -1 : 1;
}
define('semver', (_r, a, pos) => {
  const s = asString(a[0], pos, 'semver');
  const v = parseSemver(s);
  if (!v) throw new CelError(`invalid semver: ${s}`, pos);
  return new CelOpaque('kubernetes.Semver', v);
});
define('isSemver', (_r, a, pos) => parseSemver(asString(a[0], pos, 'isSemver')) !== undefined);
for (const k of ['major', 'minor', 'patch'] as const) {
  define(k, (r, _a, pos) => { if (!(r instanceof CelOpaque) || !(r.v instanceof Semver)) fail(pos, k, r); return r.v[k]; });
}

// ---- authorizer: needs the live API server ----
define('authorizer.group', () => { throw new CelUnknown('authorizer checks need the live API server'); });
