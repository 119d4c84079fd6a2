/**
 * Semantic versions and version constraints with the semantics Helm uses for `Chart.yaml` `kubeVersion` and for
 * matching a dependency's `version` range against the chart found in `charts/` (Masterminds semver v3 rules:
 * loose versions such as `v1.27` are accepted; `x`/`*` wildcards, `~`, `^`, hyphen ranges, `,`/space for AND and
 * `||` for OR; a version with a pre-release satisfies a bound only when that bound names a pre-release).
 */
export interface SemVer { major: number; minor: number; patch: number; pre: string; meta: string; original: string }

const LOOSE = /^v?([0-9]+)(?:\.([0-9]+))?(?:\.([0-9]+))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;
const STRICT = /^([0-9]+)\.([0-9]+)\.([0-9]+)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

/** Parse a version loosely (as Helm does for chart versions and the Kubernetes version); undefined when invalid. */
export function parseVersion(text: string): SemVer | undefined {
  const m = LOOSE.exec(text.trim());
  if (!m) return undefined;
  if (m[4] && m[4].split('.').some((p) => /^0[0-9]+$/.test(p))) return undefined;
  return { major: Number(m[1]), minor: Number(m[2] ?? 0), patch: Number(m[3] ?? 0), pre: m[4] ?? '', meta: m[5] ?? '', original: text };
}

/** Strict `MAJOR.MINOR.PATCH[-pre][+meta]`. */
export function isStrictVersion(text: string): boolean { return STRICT.test(text); }

export function formatVersion(v: SemVer): string {
  return `${v.major}.${v.minor}.${v.patch}${v.pre ? '-' + v.pre : ''}${v.meta ? '+' + v.meta : ''}`;
}

function comparePre(a: string, b: string): number {
  if (a === b) return 0;
  if (!a) return 1;
  if (!b) return -1;
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    if (i >= pa.length) return -1;
    if (i >= pb.length) return 1;
    const x = pa[i];
    const y = pb[i];
    if (x === y) continue;
    const nx = /^[0-9]+$/.test(x);
    const ny = /^[0-9]+$/.test(y);
    if (nx && ny) return Number(x) < Number(y) ? -1 : 1;
    if (nx) return -1;
    if (ny) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

export function compareVersions(a: SemVer, b: SemVer): number {
  return Math.sign(a.major - b.major) || Math.sign(a.minor - b.minor) || Math.sign(a.patch - b.patch) || comparePre(a.pre, b.pre);
}

/** One bound: `op` applied to a version whose missing/wildcard parts are recorded in `dirty`. */
interface Bound { op: string; v: SemVer; wild: 'none' | 'major' | 'minor' | 'patch' }

const BOUND = /^\s*(=>|=<|>=|<=|!=|~>|[=<>~^])?\s*v?(\*|[xX]|[0-9]+)(?:\.(\*|[xX]|[0-9]+))?(?:\.(\*|[xX]|[0-9]+))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-.]+))?\s*$/;

function parseBound(text: string): Bound | undefined {
  const m = BOUND.exec(text);
  if (!m) return undefined;
  const isWild = (s: string | undefined) => s === undefined || s === '*' || s === 'x' || s === 'X';
  const wild = isWild(m[2]) ? 'major' : isWild(m[3]) ? 'minor' : isWild(m[4]) ? 'patch' : 'none';
  const num = (s: string | undefined) => (isWild(s) ? 0 : Number(s));
  const op = m[1] === '=>' ? '>=' : m[1] === '=<' ? '<=' : m[1] === '~>' ? '~' : m[1] ?? '';
  return { op, wild, v: { major: num(m[2]), minor: num(m[3]), patch: num(m[4]), pre: m[5] ?? '', meta: m[6] ?? '', original: text } };
}

function bump(v: SemVer, part: 'major' | 'minor' | 'patch'): SemVer {
  if (part === 'major') return { ...v, major: v.major + 1, minor: 0, patch: 0, pre: '' };
  if (part === 'minor') return { ...v, minor: v.minor + 1, patch: 0, pre: '' };
  return { ...v, patch: v.patch + 1, pre: '' };
}

function checkBound(b: Bound, v: SemVer): boolean {
  if (v.pre && !b.v.pre && b.op !== '!=') return false;
  const c = compareVersions(v, b.v);
  const upper = b.wild === 'major' ? undefined : b.wild === 'minor' ? bump(b.v, 'major') : b.wild === 'patch' ? bump(b.v, 'minor') : undefined;
  switch (b.op) {
    case '':
    case '=':
      if (b.wild === 'major') return true;
      return upper ? c >= 0 && compareVersions(v, upper) < 0 : c === 0;
    case '!=':
      if (b.wild === 'major') return false;
      return upper ? !(c >= 0 && compareVersions(v, upper) < 0) : c !== 0;
    case '>':
      if (b.wild === 'major') return false;
      return upper ? compareVersions(v, upper) >= 0 : c > 0;
    case '>=': return c >= 0;
    case '<': return b.wild === 'major' ? false : c < 0;
    case '<=':
      if (b.wild === 'major') return true;
      return upper ? compareVersions(v, upper) < 0 : c <= 0;
    case '~': {
      if (c < 0) return false;
      const hi = b.wild === 'major' ? undefined : b.wild === 'minor' ? bump(b.v, 'major') : bump(b.v, 'minor');
      return !hi || compareVersions(v, hi) < 0;
    }
    case '^': {
      if (c < 0) return false;
      if (b.wild === 'major') return true;
      const hi = b.v.major > 0 || b.wild === 'minor' ? bump(b.v, 'major')
        : b.v.minor > 0 || b.wild === 'patch' ? bump(b.v, 'minor') : bump(b.v, 'patch');
      return compareVersions(v, hi) < 0;
    }
  }
  return false;
}

export type Constraint = Bound[][];

/** Parse a constraint (`>= 1.22.0-0`, `1.42.*`, `^1.8.0-0 || ~2`, `1.2 - 1.4.5`); undefined when invalid. */
export function parseConstraint(text: string): Constraint | undefined {
  const ors: Bound[][] = [];
  for (const alt of text.split('||')) {
    const ands: Bound[] = [];
    let rest = alt.trim();
    const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(rest);
    if (hyphen) {
      const lo = parseBound('>=' + hyphen[1]);
      const hi = parseBound('<=' + hyphen[2]);
      if (!lo || !hi) return undefined;
      ors.push([lo, hi]);
      continue;
    }
    // "> 1.2, < 2" and ">1.2 <2": operators may be followed by spaces, bounds separated by commas or spaces
    rest = rest.replace(/(=>|=<|>=|<=|!=|~>|[=<>~^])\s+/g, '$1');
    const parts = rest.split(/[\s,]+/).filter(Boolean);
    if (!parts.length) return undefined;
    for (const p of parts) {
      const b = parseBound(p);
      if (!b) return undefined;
      ands.push(b);
    }
    ors.push(ands);
  }
  return ors;
}

export function satisfies(c: Constraint, v: SemVer): boolean {
  return c.some((ands) => ands.every((b) => checkBound(b, v)));
}

/** Helm's "is this version in this range": false when either does not parse. */
export function isCompatibleRange(constraint: string, version: string): boolean {
  const c = parseConstraint(constraint);
  const v = parseVersion(version);
  return !!c && !!v && satisfies(c, v);
}
