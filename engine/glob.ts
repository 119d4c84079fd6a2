/**
 * Glob and .gitignore matching without regular expressions, so that no pattern a repository commits can make
 * matching backtrack catastrophically (picomatch and minimatch both compile a segment like `*a*a*a*a*a*a*b` to
 * a backtracking regex: measured > 10 s on a 40-character name). A pattern is split into path segments; a
 * segment is matched against a name with the two-pointer wildcard algorithm (O(name × segment)), and `**` is
 * matched against path segments with the same algorithm one level up (O(segments × path depth)).
 *
 * Syntax (git's, which the config's `ignore` globs share): `*` and `?` within a name, `[a-z]`/`[!a]`/`[^a]`
 * classes, `\` escapes, `**` as a whole segment for any number of folders, a leading or inner `/` anchors the
 * pattern to the base folder (otherwise it matches a name at any depth), a trailing `/` matches folders only,
 * and for .gitignore `!` re-includes. Config globs also accept `{a,b}` alternatives (git has none). A
 * pattern matches dot-files like any other name, as in git.
 */

type Tok =
  | { t: 'lit'; c: number }
  | { t: 'any' }
  | { t: 'star' }
  | { t: 'class'; neg: boolean; ranges: number[] };

type Seg = { k: 'globstar' } | { k: 'lit'; s: string } | { k: 'pat'; toks: Tok[] };

interface Compiled { segs: Seg[]; negate: boolean; dirOnly: boolean; index: number }

export interface GlobOptions {
  /** .gitignore syntax: `#` comments, `!` negation, trailing-space rules, no `{a,b}`. */
  gitignore?: boolean;
}

/** Most alternatives one pattern's `{a,b}` groups may expand to; past it the braces are literal text. */
export const MAX_BRACE_EXPANSIONS = 256;

/** A pattern kept as its text until a lookup reaches its bucket; it compiles to exactly one Compiled. */
interface Pending { raw: string; index: number }
type Slot = Compiled | Pending;
const isPending = (s: Slot): s is Pending => (s as Pending).raw !== undefined;

/**
 * A set of glob patterns, matched many times. A pattern whose first folder (anchored) or whole name (unanchored,
 * one segment) is plain text goes straight to the bucket of that text and is compiled only when a lookup first
 * reads the bucket: a config of 200,000 `dirN/**` globs costs one string scan per pattern up front, and matching
 * `pod.yaml` compiles none of them. Other patterns are compiled at once.
 */
export class GlobSet {
  private readonly byFirst = new Map<string, Slot[]>();
  private readonly byName = new Map<string, Slot[]>();
  private readonly rest: Compiled[] = [];
  /** Buckets that still hold a Pending slot. */
  private readonly pending = new Set<Slot[]>();
  private readonly gitignore: boolean;
  /** Number of patterns (after dropping comments and blank lines). */
  readonly size: number;
  readonly hasNegation: boolean;
  /** Patterns compiled so far (each `{a,b}` alternative counts); the rest wait for a lookup of their bucket. */
  compiledCount = 0;

  constructor(patterns: ReadonlyArray<string>, opts: GlobOptions = {}) {
    this.gitignore = !!opts.gitignore;
    let index = 0;
    let neg = false;
    for (const raw of patterns) {
      const quick = plainKey(raw, this.gitignore);
      if (quick) {
        neg ||= quick.negate;
        const b = this.bucket(quick.byName ? this.byName : this.byFirst, quick.key);
        b.push({ raw, index: index++ });
        this.pending.add(b);
        continue;
      }
      const compiled = compilePattern(raw, this.gitignore, index);
      if (!compiled.length) continue;
      index++;
      this.compiledCount += compiled.length;
      for (const c of compiled) {
        neg ||= c.negate;
        this.bucketFor(c).push(c);
      }
    }
    this.size = index;
    this.hasNegation = neg;
  }

  private bucket(map: Map<string, Slot[]>, key: string): Slot[] {
    let b = map.get(key);
    if (!b) map.set(key, (b = []));
    return b;
  }

  private bucketFor(c: Compiled): Slot[] {
    const first = c.segs[0];
    if (first.k === 'lit') return this.bucket(this.byFirst, first.s);
    if (c.segs.length === 2 && first.k === 'globstar' && c.segs[1].k === 'lit') return this.bucket(this.byName, c.segs[1].s);
    return this.rest;
  }

  /** The compiled patterns of a bucket, compiling its pending ones (in place, keeping their order) on first use. */
  private ready(b: Slot[] | undefined): Compiled[] | undefined {
    if (!b || !this.pending.has(b)) return b as Compiled[] | undefined;
    for (let i = 0; i < b.length; i++) {
      const s = b[i];
      if (!isPending(s)) continue;
      b[i] = compilePattern(s.raw, this.gitignore, s.index)[0];
      this.compiledCount++;
    }
    this.pending.delete(b);
    return b as Compiled[];
  }

  /**
   * The verdict of the last pattern that matches `rel` (a `/`-separated path relative to the base folder):
   * true = ignored, false = re-included by a `!` pattern, undefined = no pattern matches.
   */
  verdict(rel: string, isDir: boolean): boolean | undefined {
    if (!this.size) return undefined;
    return this.verdictOf(rel.split('/'), isDir);
  }

  /** True when `rel` or one of its parent folders is matched (for callers that do not walk folder by folder). */
  matchesPathOrParent(rel: string, isDir: boolean): boolean {
    if (!this.size) return false;
    const parts = rel.split('/');
    let ignored = false;
    for (let n = 1; n <= parts.length; n++) {
      const v = this.verdictOf(parts.slice(0, n), n < parts.length || isDir);
      if (v !== undefined) ignored = v;
      if (ignored && n < parts.length) return true;
    }
    return ignored;
  }

  private verdictOf(parts: string[], isDir: boolean): boolean | undefined {
    const lists = [this.ready(this.byFirst.get(parts[0])), this.ready(this.byName.get(parts[parts.length - 1])), this.rest];
    // the last matching pattern wins: walk the candidates from the highest index down
    const pos = lists.map((l) => (l ? l.length - 1 : -1));
    for (;;) {
      let best = -1;
      for (let i = 0; i < 3; i++) if (pos[i] >= 0 && (best < 0 || lists[i]![pos[i]].index > lists[best]![pos[best]].index)) best = i;
      if (best < 0) return undefined;
      const c = lists[best]![pos[best]--];
      if (c.dirOnly && !isDir) continue;
      if (matchSegs(c.segs, parts)) return !c.negate;
    }
  }
}

/**
 * The bucket a pattern compiles into, read from its text alone when that is certain: no `{a,b}` (config globs),
 * no escape, and a first segment of plain text. Anchored (an inner or leading `/`): the bucket of its first
 * folder; a bare name: the bucket of names at any depth. Undefined: compile it to find out.
 */
function plainKey(raw: string, gitignore: boolean): { key: string; byName: boolean; negate: boolean } | undefined {
  let p = gitignore ? trimGitignoreLine(raw) : raw.trim();
  if (!p || (gitignore && p.startsWith('#'))) return undefined;
  let negate = false;
  if (gitignore && p.startsWith('!')) { negate = true; p = p.slice(1); }
  while (p.startsWith('./')) p = p.slice(2);
  let end = p.length;
  while (end > 0 && p.charCodeAt(end - 1) === 47) end--;
  let start = 0;
  while (start < end && p.charCodeAt(start) === 47) start++;
  if (start >= end || (!gitignore && p.includes('{'))) return undefined;
  const slash = p.indexOf('/', start);
  const first = p.slice(start, slash < 0 || slash > end ? end : slash);
  for (let i = 0; i < first.length; i++) {
    const c = first.charCodeAt(i);
    // * ? [ \
    if (c === 42 || c === 63 || c === 91 || c === 92) return undefined;
  }
  const anchored = start > 0 || (slash >= 0 && slash < end);
  return { key: first, byName: !anchored, negate };
}

/** One pattern (or line of a .gitignore) to its compiled forms (several when `{a,b}` expands); [] for none. */
function compilePattern(raw: string, gitignore: boolean, index: number): Compiled[] {
  let p = gitignore ? trimGitignoreLine(raw) : raw.trim();
  if (!p || (gitignore && p.startsWith('#'))) return [];
  let negate = false;
  if (gitignore && p.startsWith('!')) { negate = true; p = p.slice(1); }
  else if (gitignore && (p.startsWith('\\#') || p.startsWith('\\!'))) p = p.slice(1);
  while (p.startsWith('./')) p = p.slice(2);
  let dirOnly = false;
  if (p.endsWith('/')) { dirOnly = true; p = p.replace(/\/+$/, ''); }
  if (!p) return [];
  const alternatives = gitignore ? [p] : expandBraces(p);
  const out: Compiled[] = [];
  for (let alt of alternatives) {
    const anchored = splitSegments(alt).length > 1 || alt.startsWith('/');
    alt = alt.replace(/^\/+/, '');
    if (!alt) continue;
    const segs = collapse(splitSegments(alt).map(compileSegment));
    if (!anchored && segs[0].k !== 'globstar') segs.unshift({ k: 'globstar' });
    // a trailing `**` matches everything inside the folder, not the folder itself
    if (segs.length > 1 && segs[segs.length - 1].k === 'globstar') segs.splice(segs.length - 1, 0, { k: 'pat', toks: [{ t: 'star' }] });
    out.push({ segs, negate, dirOnly, index });
  }
  return out;
}

/** Trailing spaces are dropped unless escaped with a backslash (git). */
function trimGitignoreLine(line: string): string {
  let end = line.length;
  while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t' || line[end - 1] === '\r')) end--;
  if (end < line.length && end > 0 && line[end - 1] === '\\') end++;
  return line.slice(0, end);
}

function splitSegments(p: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\' && i + 1 < p.length) { cur += c + p[++i]; continue; }
    if (c === '/') { if (cur) out.push(cur); cur = ''; continue; }
    cur += c;
  }
  if (cur) out.push(cur);
  return out;
}

/** `**` twice in a row is `**` once. */
function collapse(segs: Seg[]): Seg[] {
  return segs.filter((s, i) => !(s.k === 'globstar' && i > 0 && segs[i - 1].k === 'globstar'));
}

function compileSegment(s: string): Seg {
  if (s === '**') return { k: 'globstar' };
  const toks: Tok[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '*') {
      if (toks[toks.length - 1]?.t !== 'star') toks.push({ t: 'star' });
    } else if (c === '?') toks.push({ t: 'any' });
    else if (c === '[') {
      const cls = parseClass(s, i);
      if (cls) { toks.push(cls.tok); i = cls.end; } else toks.push({ t: 'lit', c: c.charCodeAt(0) });
    } else if (c === '\\' && i + 1 < s.length) toks.push({ t: 'lit', c: s.charCodeAt(++i) });
    else toks.push({ t: 'lit', c: s.charCodeAt(i) });
  }
  if (toks.every((t) => t.t === 'lit')) return { k: 'lit', s: String.fromCharCode(...toks.map((t) => (t as { c: number }).c)) };
  return { k: 'pat', toks };
}

/** `[...]` starting at `start`; undefined when it is not closed (then `[` is a literal). */
function parseClass(s: string, start: number): { tok: Tok; end: number } | undefined {
  let i = start + 1;
  let neg = false;
  if (s[i] === '!' || s[i] === '^') { neg = true; i++; }
  const ranges: number[] = [];
  let first = true;
  for (; i < s.length; i++) {
    let c = s[i];
    if (c === ']' && !first) return { tok: { t: 'class', neg, ranges }, end: i };
    first = false;
    if (c === '\\' && i + 1 < s.length) c = s[++i];
    const lo = c.charCodeAt(0);
    if (s[i + 1] === '-' && i + 2 < s.length && s[i + 2] !== ']') {
      let hiCh = s[i + 2];
      i += 2;
      if (hiCh === '\\' && i + 1 < s.length) hiCh = s[++i];
      ranges.push(lo, hiCh.charCodeAt(0));
    } else ranges.push(lo, lo);
  }
  return undefined;
}

function tokMatches(t: Tok, c: number): boolean {
  switch (t.t) {
    case 'lit': return t.c === c;
    case 'any': return true;
    case 'class': {
      let hit = false;
      for (let i = 0; i < t.ranges.length && !hit; i += 2) hit = c >= t.ranges[i] && c <= t.ranges[i + 1];
      return hit !== t.neg;
    }
    default: return false;
  }
}

/** Wildcard match of one name: greedy, backtracking only to the last `*` (linear in practice, O(n·m) at worst). */
function matchName(toks: Tok[], name: string): boolean {
  let t = 0;
  let n = 0;
  let starT = -1;
  let starN = 0;
  while (n < name.length) {
    const tok = toks[t];
    if (tok?.t === 'star') { starT = t++; starN = n; continue; }
    if (tok && tokMatches(tok, name.charCodeAt(n))) { t++; n++; continue; }
    if (starT < 0) return false;
    t = starT + 1;
    n = ++starN;
  }
  while (toks[t]?.t === 'star') t++;
  return t === toks.length;
}

function segMatches(s: Seg, name: string): boolean {
  return s.k === 'lit' ? s.s === name : s.k === 'pat' ? matchName(s.toks, name) : true;
}

/** The same algorithm over path segments: `**` is the star, every other segment matches exactly one name. */
function matchSegs(segs: Seg[], parts: ReadonlyArray<string>): boolean {
  let p = 0;
  let i = 0;
  let starP = -1;
  let starI = 0;
  while (i < parts.length) {
    const s = segs[p];
    if (s?.k === 'globstar') { starP = p++; starI = i; continue; }
    if (s && segMatches(s, parts[i])) { p++; i++; continue; }
    if (starP < 0) return false;
    p = starP + 1;
    i = ++starI;
  }
  while (segs[p]?.k === 'globstar') p++;
  return p === segs.length;
}

/** `{a,b}` alternatives (nested, escaped with `\`); more than MAX_BRACE_EXPANSIONS leaves the braces literal. */
export function expandBraces(p: string): string[] {
  const done: string[] = [];
  let todo = [p];
  while (todo.length) {
    const next: string[] = [];
    for (const s of todo) {
      const b = findBrace(s);
      if (!b) { done.push(s); continue; }
      for (const part of b.parts) next.push(s.slice(0, b.start) + part + s.slice(b.end + 1));
    }
    if (done.length + next.length > MAX_BRACE_EXPANSIONS) return [p];
    todo = next;
  }
  return done;
}

function findBrace(p: string): { start: number; end: number; parts: string[] } | undefined {
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '\\') { i++; continue; }
    if (p[i] !== '{') continue;
    let depth = 0;
    const parts: string[] = [];
    let from = i + 1;
    for (let j = i; j < p.length; j++) {
      const c = p[j];
      if (c === '\\') { j++; continue; }
      if (c === '{') depth++;
      else if (c === '}' && --depth === 0) {
        parts.push(p.slice(from, j));
        if (parts.length < 2) break;
        return { start: i, end: j, parts };
      } else if (c === ',' && depth === 1) { parts.push(p.slice(from, j)); from = j + 1; }
    }
  }
  return undefined;
}
