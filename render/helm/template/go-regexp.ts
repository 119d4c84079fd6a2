/** Go's regexp (RE2 syntax) on top of JavaScript's RegExp: translation of the syntax that differs, and Expand. */

const POSIX: Record<string, string> = {
  alnum: '0-9A-Za-z', alpha: 'A-Za-z', ascii: '\\x00-\\x7F', blank: '\\t ', cntrl: '\\x00-\\x1F\\x7F', digit: '0-9',
  graph: '!-~', lower: 'a-z', print: ' -~', punct: '!-\\/:-@\\[-`{-~', space: '\\t\\n\\v\\f\\r ', upper: 'A-Z',
  word: '0-9A-Za-z_', xdigit: '0-9A-Fa-f',
};
const JS_SYNTAX = new Set('^$\\.*+?()[]{}|/-'.split(''));

export class GoRegexp {
  readonly re: RegExp;
  constructor(readonly source: string) {
    let flags = 'u';
    let src = source;
    const lead = /^\(\?([imsU]+)\)/.exec(src);
    if (lead) {
      for (const f of lead[1]) if (f !== 'U' && !flags.includes(f)) flags += f;
      src = src.slice(lead[0].length);
    }
    try {
      this.re = new RegExp(translate(src), flags + 'g');
    } catch (e) {
      throw new Error(`error parsing regexp: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}`);
    }
  }

  private all(s: string, n: number): RegExpExecArray[] {
    const out: RegExpExecArray[] = [];
    if (n === 0) return out;
    this.re.lastIndex = 0;
    let prevEnd = -1;
    for (;;) {
      if (n > 0 && out.length >= n) break;
      const m = this.re.exec(s);
      if (!m) break;
      if (m[0] === '') {
        this.re.lastIndex = m.index + (s.codePointAt(m.index)! > 0xffff ? 2 : 1);
        if (m.index === prevEnd) { if (this.re.lastIndex > s.length) break; continue; }
      }
      out.push(m);
      prevEnd = m.index + m[0].length;
      if (this.re.lastIndex > s.length) break;
    }
    return out;
  }

  test(s: string): boolean { this.re.lastIndex = 0; return this.re.test(s); }
  find(s: string): string { return this.all(s, 1)[0]?.[0] ?? ''; }
  findAll(s: string, n: number): string[] { return this.all(s, n).map((m) => m[0]); }

  replaceAll(s: string, repl: string, literal: boolean): string {
    let out = '';
    let last = 0;
    for (const m of this.all(s, -1)) {
      out += s.slice(last, m.index) + (literal ? repl : expand(repl, m));
      last = m.index + m[0].length;
    }
    return out + s.slice(last);
  }

  split(s: string, n: number): string[] {
    if (n === 0) return [];
    if (this.source.length > 0 && s.length === 0) return [''];
    const out: string[] = [];
    let beg = 0;
    let end = 0;
    for (const m of this.all(s, n)) {
      if (n > 0 && out.length === n - 1) break;
      end = m.index;
      if (m.index + m[0].length !== 0) out.push(s.slice(beg, end));
      beg = m.index + m[0].length;
    }
    if (end !== s.length) out.push(s.slice(beg));
    return out;
  }
}

function translate(src: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      const d = src[i + 1] ?? '';
      i++;
      if (d === 'z') out += '(?![\\s\\S])';
      else if (d === 'A') out += '(?<![\\s\\S])';
      else if (d === 'Q') {
        const e = src.indexOf('\\E', i + 1);
        const lit = e < 0 ? src.slice(i + 1) : src.slice(i + 1, e);
        out += lit.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
        i = e < 0 ? src.length : e + 1;
      } else if ((d === 'p' || d === 'P') && src[i + 1] !== '{') { out += `\\${d}{${src[i + 1]}}`; i++; }
      else if (/[A-Za-z0-9]/.test(d)) out += '\\' + d;
      else if (JS_SYNTAX.has(d)) out += '\\' + d;
      else out += '\\x' + d.charCodeAt(0).toString(16).padStart(2, '0');
      continue;
    }
    if (inClass) {
      if (c === '[' && src[i + 1] === ':') {
        const e = src.indexOf(':]', i + 2);
        const name = e < 0 ? '' : src.slice(i + 2, e);
        const neg = name.startsWith('^');
        const cls = POSIX[neg ? name.slice(1) : name];
        if (cls && !neg) { out += cls; i = e + 1; continue; }
      }
      if (c === '[') { out += '\\['; continue; }
      if (c === '-' && (/\\[dDsSwW]$/.test(out) || /^\\[dDsSwW]/.test(src.slice(i + 1)) || src[i + 1] === ']' || out.endsWith('['))) { out += '\\-'; continue; }
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      if (src[i + 1] === '^') { out += '^'; i++; }
      if (src[i + 1] === ']') { out += '\\]'; i++; }
      continue;
    }
    if (c === '(' && src.startsWith('?P<', i + 1)) { out += '(?<'; i += 3; continue; }
    if (c === '{' && !/^\{\d+(,\d*)?\}/.test(src.slice(i))) { out += '\\{'; continue; }
    if (c === '}' ) {
      const open = out.lastIndexOf('{');
      if (open < 0 || out[open - 1] === '\\' || !/^\{\d+(,\d*)?$/.test(out.slice(open))) { out += '\\}'; continue; }
    }
    out += c;
  }
  return out;
}

/** Go's Regexp.Expand template: $1, ${1}, $name, ${name}, $$. */
export function expand(template: string, m: RegExpExecArray): string {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c !== '$') { out += c; continue; }
    if (template[i + 1] === '$') { out += '$'; i++; continue; }
    let name: string | undefined;
    let end = i;
    if (template[i + 1] === '{') {
      const close = template.indexOf('}', i + 2);
      const n = close < 0 ? '' : template.slice(i + 2, close);
      if (close >= 0 && /^[A-Za-z0-9_]+$/.test(n)) { name = n; end = close; }
    } else {
      const mm = /^[A-Za-z0-9_]+/.exec(template.slice(i + 1));
      if (mm) { name = mm[0]; end = i + mm[0].length; }
    }
    if (name === undefined) { out += '$'; continue; }
    i = end;
    if (/^\d+$/.test(name)) {
      const k = Number(name);
      out += k < m.length ? m[k] ?? '' : '';
    } else {
      out += m.groups?.[name] ?? '';
    }
  }
  return out;
}
