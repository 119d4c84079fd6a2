import { isMap, setKey, type GoMap, type ValueOrigins, type ValueSource } from './value-origins';

/**
 * `--set` / `--set-string` as Helm parses them (its "strvals" syntax, from Helm's documentation):
 * `a.b=c,d=e` (comma-separated), `list[0]=x`, `list[0].name=x`, `a={x,y}` (a list), `\` escapes the next
 * character (`a\.b=1` is the key `a.b`, `v=x\,y` the value `x,y`). Typing (not with --set-string): `true`/`false`
 * (any case) are booleans, `null` is nil (it deletes the key when coalesced), `0` and decimal integers not starting
 * with 0 are int64, everything else is a string (`1.5` stays "1.5"). Indexes above 65536 are refused.
 */
export class StrvalsError extends Error {}

export const MAX_INDEX = 65536;

export interface StrvalsOptions {
  /** --set-string: everything is a string. */
  asString?: boolean;
  /** How an int64 is represented for the template engine (default: a JS number). */
  makeInt?: (n: number) => unknown;
  origins?: ValueOrigins;
  /** The expression as given, for provenance. */
  expr?: string;
}

class Reader {
  i = 0;
  constructor(readonly s: string) {}
  get done(): boolean { return this.i >= this.s.length; }
  /** Read until one of `stops` (unescaped); returns [text, stop char or '' at the end]. */
  until(stops: string): [string, string] {
    let out = '';
    while (this.i < this.s.length) {
      const c = this.s[this.i++];
      if (c === '\\') {
        if (this.i < this.s.length) out += this.s[this.i++];
        continue;
      }
      if (stops.includes(c)) return [out, c];
      out += c;
    }
    return [out, ''];
  }
}

/** Parse one --set argument into `into` (mutated), as Helm does for each flag in turn. */
export function parseSet(text: string, into: GoMap, opts: StrvalsOptions = {}): void {
  const r = new Reader(text);
  const src: ValueSource | undefined = opts.origins ? { kind: 'set', expr: opts.expr ?? text, flag: opts.asString ? '--set-string' : '--set' } : undefined;
  const p = new Parser(r, opts, src);
  while (!r.done) p.key(into);
}

class Parser {
  constructor(private readonly r: Reader, private readonly opts: StrvalsOptions, private readonly src: ValueSource | undefined) {}

  private typed(v: string): unknown {
    if (this.opts.asString) return v;
    const lower = v.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
    if (lower === 'null') return null;
    if (v === '0') return this.int(0);
    if (v.length && v[0] !== '0' && /^[+-]?[0-9]+$/.test(v)) {
      const n = Number(v);
      if (Number.isSafeInteger(n) || Math.abs(n) < 9.3e18) return this.int(n);
    }
    return v;
  }

  private int(n: number): unknown { return this.opts.makeInt ? this.opts.makeInt(n) : n; }

  private record(container: object, key: string | number): void {
    if (this.src && this.opts.origins) this.opts.origins.set(container, key, this.src);
  }

  /** One `key...=value` at map level. */
  key(data: GoMap): void {
    const [k, stop] = this.r.until('=[,.');
    switch (stop) {
      case '':
        if (!k) return;
        throw new StrvalsError(`key "${k}" has no value`);
      case ',':
        throw new StrvalsError(`key "${k}" has no value (cannot end with ,)`);
      case '=':
        this.assign(data, k);
        return;
      case '.': {
        const child = isMap(data[k]) ? (data[k] as GoMap) : {};
        setKey(data, k, child);
        this.record(data, k);
        this.key(child);
        return;
      }
      case '[': {
        const idx = this.index();
        const list = Array.isArray(data[k]) ? (data[k] as unknown[]) : [];
        setKey(data, k, this.listItem(list, idx));
        this.record(data, k);
        return;
      }
    }
  }

  private assign(data: GoMap, k: string): void {
    if (this.r.s[this.r.i] === '{') {
      this.r.i++;
      setKey(data, k, this.listValue());
    } else {
      const [v] = this.r.until(',');
      setKey(data, k, this.typed(v));
    }
    this.record(data, k);
  }

  private listValue(): unknown[] {
    const out: unknown[] = [];
    for (;;) {
      const [v, stop] = this.r.until(',}');
      if (stop === '') throw new StrvalsError('list must terminate with \'}\'');
      if (v !== '' || stop === ',') out.push(this.typed(v));
      if (out.length) this.record(out, out.length - 1);
      if (stop === '}') break;
    }
    const [rest, stop] = this.r.until(',');
    if (rest) throw new StrvalsError(`key ${rest} has no value`);
    void stop;
    return out;
  }

  private index(): number {
    const [v, stop] = this.r.until(']');
    if (stop !== ']') throw new StrvalsError(`missing ] in ${this.r.s}`);
    const n = Number(v);
    if (!/^[0-9]+$/.test(v.trim())) throw new StrvalsError(`failed to parse index: strconv.Atoi: parsing "${v}": invalid syntax`);
    if (n > MAX_INDEX) throw new StrvalsError(`index of ${n} is greater than maximum supported index ${MAX_INDEX}`);
    return n;
  }

  /** After `name[i]`: `=v`, `.rest`, `[j]...`. Returns the (possibly grown) list. */
  private listItem(list: unknown[], idx: number): unknown[] {
    const out = list.slice();
    while (out.length <= idx) out.push(null);
    const c = this.r.s[this.r.i++];
    if (c === '=') {
      if (this.r.s[this.r.i] === '{') { this.r.i++; out[idx] = this.listValue(); }
      else out[idx] = this.typed(this.r.until(',')[0]);
    } else if (c === '.') {
      const child = isMap(out[idx]) ? (out[idx] as GoMap) : {};
      out[idx] = child;
      this.key(child);
    } else if (c === '[') {
      const j = this.index();
      out[idx] = this.listItem(Array.isArray(out[idx]) ? (out[idx] as unknown[]) : [], j);
    } else {
      throw new StrvalsError(`key "${this.r.s}" has no value`);
    }
    this.record(out, idx);
    return out;
  }
}
