/**
 * `.helmignore` as Helm applies it when loading a chart directory (facts from Helm's documentation): one shell
 * glob per line (Go `filepath.Match`: `*`, `?`, `[a-z]`, `[^a]`, no `**`), `#` comments, trailing spaces
 * dropped, a trailing `/` matches directories only, a leading `/` anchors at the chart root, a pattern with a `/`
 * is matched against the whole relative path and one without against the base name. Helm always adds
 * `templates/.?*` (hidden files directly in templates/). Rules are tried in order and the first match ignores
 * the file; a `!pattern` rule ignores everything it does *not* match (Helm's own, surprising, semantics).
 */
interface IgnoreRule { raw: string; negate: boolean; dirOnly: boolean; full: boolean; re: RegExp }

export interface HelmIgnore { rules: ReadonlyArray<IgnoreRule>; ignores(rel: string, isDir: boolean): boolean }

/** Go filepath.Match as a regular expression over one path ('/' is the separator). */
export function goGlobToRegex(glob: string): RegExp | undefined {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '\\') {
      if (i + 1 >= glob.length) return undefined;
      re += escapeRe(glob[++i]);
    } else if (c === '[') {
      const end = classEnd(glob, i);
      if (end < 0) return undefined;
      let body = glob.slice(i + 1, end);
      let neg = false;
      if (body.startsWith('^')) { neg = true; body = body.slice(1); }
      if (!body) return undefined;
      re += `[${neg ? '^/' : ''}${body.replace(/\\(.)/g, (_m, x: string) => escapeRe(x)).replace(/[\]\[]/g, '\\$&')}]`;
      i = end;
    } else re += escapeRe(c);
  }
  return new RegExp(`^${re}$`);
}

function classEnd(glob: string, start: number): number {
  let i = start + 1;
  if (glob[i] === '^') i++;
  for (let first = true; i < glob.length; i++, first = false) {
    if (glob[i] === '\\') { i++; continue; }
    if (glob[i] === ']' && !first) return i;
  }
  return -1;
}

function escapeRe(c: string): string { return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'); }

function parseRule(line: string): IgnoreRule | undefined {
  let p = line.replace(/\s+$/, '');
  if (!p || p.startsWith('#')) return undefined;
  const raw = p;
  const negate = p.startsWith('!') && p.length > 1;
  if (negate) p = p.slice(1);
  const dirOnly = p.endsWith('/');
  if (dirOnly) p = p.replace(/\/+$/, '');
  const anchored = p.startsWith('/');
  if (anchored) p = p.replace(/^\/+/, '');
  const re = goGlobToRegex(p);
  if (!re || p.includes('**')) return undefined;
  return { raw, negate, dirOnly, full: anchored || p.includes('/'), re };
}

export function parseHelmIgnore(text: string): HelmIgnore {
  const rules: IgnoreRule[] = [];
  for (const line of [...text.split(/\r?\n/), 'templates/.?*']) {
    const r = parseRule(line);
    if (r) rules.push(r);
  }
  return {
    rules,
    ignores(rel: string, isDir: boolean): boolean {
      if (rel === '' || rel === '.' || rel === './') return false;
      const base = rel.slice(rel.lastIndexOf('/') + 1);
      for (const r of rules) {
        const hit = (!r.dirOnly || isDir) && r.re.test(r.full ? rel : base);
        if (r.negate) { if (!hit) return true; continue; }
        if (hit) return true;
      }
      return false;
    },
  };
}
