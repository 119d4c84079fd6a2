/**
 * A small .gitignore matcher (the subset real repositories use): `#` comments, `!` negation, leading `/`
 * anchors, trailing `/` for directories, `*`, `?`, `**`, and character classes.
 */
export interface IgnoreRule { re: RegExp; negate: boolean; dirOnly: boolean }

export function parseIgnore(text: string): IgnoreRule[] {
  const out: IgnoreRule[] = [];
  for (let line of text.split(/\r?\n/)) {
    if (!line.trim() || line.startsWith('#')) continue;
    line = line.replace(/(?<!\\)\s+$/, '');
    let negate = false;
    if (line.startsWith('!')) { negate = true; line = line.slice(1); }
    if (line.startsWith('\\')) line = line.slice(1);
    let dirOnly = false;
    if (line.endsWith('/')) { dirOnly = true; line = line.slice(0, -1); }
    const anchored = line.includes('/') && !line.startsWith('**/');
    if (line.startsWith('/')) line = line.slice(1);
    const body = globToRegex(line);
    out.push({ re: new RegExp(anchored ? `^${body}$` : `(^|/)${body}$`), negate, dirOnly });
  }
  return out;
}

export function globToRegex(glob: string): string {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slash = glob[i + 2] === '/';
        re += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end === -1) re += '\\[';
      else { re += '[' + glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']'; i = end; }
    } else if (c === '\\' && i + 1 < glob.length) { re += '\\' + glob[++i]; }
    else re += /[.+^${}()|\]\\/]/.test(c) ? '\\' + c : c;
  }
  return re;
}

/** Decides for a path relative to the rules' base directory; later rules win, as in git. */
export function isIgnored(rules: ReadonlyArray<IgnoreRule>, rel: string, isDir: boolean): boolean {
  let ignored = false;
  for (const r of rules) {
    if (r.dirOnly && !isDir) continue;
    if (r.re.test(rel)) ignored = !r.negate;
  }
  return ignored;
}
