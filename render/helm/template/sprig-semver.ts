/** semver and semverCompare with Masterminds/semver v3 rules (wildcards, ~, ^, ranges, prerelease opt-in). */
import { FuncError } from './errors';
import { type SignedFunc, sig } from './func-sig';
import { GO_TYPE, GoInt } from './go-value';

const VERSION_RE = /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;

/** *semver.Version: its methods are callable from templates (.Major, .Prerelease, .Compare …). */
export class SemverVersion {
  declare readonly [GO_TYPE]: string;
  constructor(readonly major: number, readonly minor: number, readonly patch: number, readonly pre: string,
    readonly meta: string, readonly original: string) {}
  Major(): GoInt { return new GoInt(this.major, 'uint64'); }
  Minor(): GoInt { return new GoInt(this.minor, 'uint64'); }
  Patch(): GoInt { return new GoInt(this.patch, 'uint64'); }
  Prerelease(): string { return this.pre; }
  Metadata(): string { return this.meta; }
  Original(): string { return this.original; }
  String(): string { return `${this.major}.${this.minor}.${this.patch}${this.pre ? '-' + this.pre : ''}${this.meta ? '+' + this.meta : ''}`; }
  Compare(o: SemverVersion): GoInt { return new GoInt(compareVersions(this, o)); }
  LessThan(o: SemverVersion): boolean { return compareVersions(this, o) < 0; }
  GreaterThan(o: SemverVersion): boolean { return compareVersions(this, o) > 0; }
  Equal(o: SemverVersion): boolean { return compareVersions(this, o) === 0; }
  IncPatch(): SemverVersion { return this.pre ? new SemverVersion(this.major, this.minor, this.patch, '', '', '') : new SemverVersion(this.major, this.minor, this.patch + 1, '', '', ''); }
  IncMinor(): SemverVersion { return new SemverVersion(this.major, this.minor + 1, 0, '', '', ''); }
  IncMajor(): SemverVersion { return new SemverVersion(this.major + 1, 0, 0, '', '', ''); }
  toGoJSON(): string { return this.String(); }
}
Object.defineProperty(SemverVersion.prototype, GO_TYPE, { value: '*semver.Version' });

export function parseVersion(s: string): SemverVersion {
  const m = VERSION_RE.exec(s);
  if (!m) throw new Error('Invalid Semantic Version');
  const num = (x: string | undefined): number => (x ? Number(x.replace(/^\./, '')) : 0);
  const pre = m[5] ?? '';
  for (const id of pre ? pre.split('.') : []) {
    if (/^\d+$/.test(id) && id.length > 1 && id.startsWith('0')) throw new Error('Version segment starts with 0');
  }
  return new SemverVersion(num(m[1]), num(m[2]), num(m[3]), pre, m[8] ?? '', s);
}

function comparePre(a: string, b: string): number {
  if (a === b) return 0;
  if (!a) return 1;
  if (!b) return -1;
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    const xn = /^\d+$/.test(x);
    const yn = /^\d+$/.test(y);
    if (xn && yn) return Number(x) < Number(y) ? -1 : 1;
    if (xn) return -1;
    if (yn) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

export function compareVersions(a: SemverVersion, b: SemverVersion): number {
  for (const k of ['major', 'minor', 'patch'] as const) if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  return comparePre(a.pre, b.pre);
}

interface Constraint { op: string; con: SemverVersion; minorDirty: boolean; patchDirty: boolean; dirty: boolean; star: boolean }

const isX = (s: string | undefined): boolean => s === 'x' || s === 'X' || s === '*';
const ONE_RE = /^\s*(=|!=|>=|=>|<=|=<|>|<|~>|~|\^)?\s*(v?([0-9]+|[xX*])(\.([0-9]+|[xX*]))?(\.([0-9]+|[xX*]))?(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?)\s*$/;

function parseOne(s: string, whole: string): Constraint {
  const m = ONE_RE.exec(s);
  if (!m) throw new Error(`improper constraint: ${whole}`);
  let op = m[1] ?? '';
  if (op === '=>') op = '>=';
  if (op === '=<') op = '<=';
  if (op === '~>') op = '~';
  const [maj, min, pat] = [m[3], m[5], m[7]];
  const tail = (m[8] ?? '') + (m[9] ?? '');
  let minorDirty = false;
  let patchDirty = false;
  let ver: string;
  if (isX(maj)) { minorDirty = true; patchDirty = true; ver = `0.0.0${tail}`; }
  else if (min === undefined || isX(min)) { minorDirty = true; patchDirty = true; ver = `${maj}.0.0${tail}`; }
  else if (pat === undefined || isX(pat)) { patchDirty = true; ver = `${maj}.${min}.0${tail}`; }
  else ver = `${maj}.${min}.${pat}${tail}`;
  let con: SemverVersion;
  try { con = parseVersion(ver); } catch { throw new Error('constraint Parser Error'); }
  return { op, con, minorDirty, patchDirty, dirty: minorDirty || patchDirty, star: isX(maj) };
}

/** Parse "c1, c2 || c3 - c4" into OR groups of AND constraints. */
function parseConstraints(c: string): Constraint[][] {
  const rewritten = c.replace(/\s*(v?[0-9xX*]+(?:\.[0-9xX*]+){0,2}(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)\s+-\s+(v?[0-9xX*]+(?:\.[0-9xX*]+){0,2}(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)\s*/g, '>= $1, <= $2');
  return rewritten.split('||').map((or) => {
    const t = or.trim();
    if (t === '') throw new Error(`improper constraint: ${c}`);
    const parts = t.match(/(=|!=|>=|=>|<=|=<|>|<|~>|~|\^)?\s*v?[0-9xX*]+(\.[0-9xX*]+){0,2}(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?/g);
    const rest = parts ? t.replace(/(=|!=|>=|=>|<=|=<|>|<|~>|~|\^)?\s*v?[0-9xX*]+(\.[0-9xX*]+){0,2}(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?/g, '').replace(/[\s,]/g, '') : t;
    if (!parts || rest !== '') throw new Error(`improper constraint: ${or.trim() === '' ? c : or}`);
    return parts.map((p) => parseOne(p, or));
  });
}

function dirtyEqual(v: SemverVersion, c: Constraint): boolean {
  if (c.star) return true;
  if (v.major !== c.con.major) return false;
  if (!c.minorDirty && v.minor !== c.con.minor) return false;
  if (!c.patchDirty && v.patch !== c.con.patch) return false;
  return true;
}

function check(v: SemverVersion, c: Constraint): boolean {
  const gate = v.pre !== '' && c.con.pre === '';
  const cmp = compareVersions(v, c.con);
  const star = c.star;
  switch (c.op) {
    case '': case '=':
      if (gate) return false;
      if (star) return true;
      return c.dirty ? dirtyEqual(v, c) : cmp === 0;
    case '!=':
      if (!c.dirty) return cmp !== 0;
      if (gate) return false;
      if (star) return false;
      return !dirtyEqual(v, c);
    case '>':
      if (gate) return false;
      if (!c.dirty) return cmp > 0;
      if (star) return false;
      if (v.major !== c.con.major) return v.major > c.con.major;
      if (c.minorDirty) return false;
      return v.minor > c.con.minor;
    case '>=': return !gate && cmp >= 0;
    case '<': return !gate && cmp < 0;
    case '<=':
      if (gate) return false;
      if (!c.dirty) return cmp <= 0;
      if (star) return true;
      if (v.major !== c.con.major) return v.major < c.con.major;
      if (c.minorDirty) return true;
      return v.minor <= c.con.minor;
    case '~':
      if (gate || cmp < 0) return false;
      if (c.con.major === 0 && c.con.minor === 0 && c.con.patch === 0 && !c.minorDirty && !c.patchDirty) return true;
      if (star) return true;
      if (v.major !== c.con.major) return false;
      return c.minorDirty || v.minor === c.con.minor;
    case '^':
      if (gate || cmp < 0) return false;
      if (star) return true;
      if (c.con.major > 0 || c.minorDirty) return v.major === c.con.major;
      if (v.major > 0) return false;
      if (c.con.minor > 0 || c.patchDirty) return v.minor === c.con.minor;
      if (v.minor > 0) return false;
      return v.patch === c.con.patch;
  }
  return false;
}

export function semverCompare(constraint: string, version: string): boolean {
  const groups = parseConstraints(constraint);
  const v = parseVersion(version);
  return groups.some((g) => g.every((c) => check(v, c)));
}

export function semverFuncs(): Record<string, SignedFunc> {
  return {
    semver: sig('string', (s: string) => parseVersion(s)),
    semverCompare: sig('string, string', (c: string, v: string) => {
      try { return semverCompare(c, v); } catch (e) { throw new FuncError((e as Error).message); }
    }),
  };
}
