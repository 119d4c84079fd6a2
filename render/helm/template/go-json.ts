/** Go's encoding/json Marshal of template values: sorted keys, HTML-safe escaping, Go's float format. */
import { formatFloat } from './float-format';
import { GoInt, isGoMap, isGoStruct, sortedKeys } from './go-value';

export class JsonError extends Error {}

/** A struct's fields as JSON writes them, in declaration order. */
export class OrderedFields { constructor(readonly entries: [string, unknown][]) {} }

function emptyJson(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === '') return true;
  if (v instanceof GoInt) return v.value === 0;
  if (Array.isArray(v) || v instanceof Uint8Array) return v.length === 0;
  if (isGoMap(v)) return Object.keys(v).length === 0;
  return false;
}

/**
 * A value as JSON sees it: what MarshalJSON-like types (time, semver, certificates) turn into ([]byte is base64);
 * a struct's exported fields, named by its class's static `jsonNames` ({Field: 'name,omitempty'}) when given.
 */
export function jsonView(v: unknown): unknown {
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  if (isGoStruct(v)) {
    const j = (v as { toGoJSON?: () => unknown }).toGoJSON;
    if (typeof j === 'function') return j.call(v);
    const names = (v.constructor as { jsonNames?: Record<string, string> } | undefined)?.jsonNames ?? {};
    const m = v as Record<string, unknown>;
    const entries: [string, unknown][] = [];
    for (const k of Object.keys(v)) {
      if (!/^\p{Lu}/u.test(k) || typeof m[k] === 'function') continue;
      const [name, ...opts] = (names[k] ?? k).split(',');
      if (name === '-') continue;
      if (opts.includes('omitempty') && emptyJson(m[k])) continue;
      entries.push([name || k, m[k]]);
    }
    return new OrderedFields(entries);
  }
  return v;
}

/** Go's float64 JSON text: %f style between 1e-6 and 1e21, else %e with a short exponent. */
export function jsonFloat(f: number): string {
  if (!Number.isFinite(f)) throw new JsonError(`json: unsupported value: ${formatFloat(f, 'g', -1)}`);
  const a = Math.abs(f);
  if (a !== 0 && (a < 1e-6 || a >= 1e21)) {
    return formatFloat(f, 'e', -1).replace(/e([+-])0(\d)$/, 'e$1$2');
  }
  return formatFloat(f, 'f', -1);
}

export function jsonString(s: string, escapeHtml: boolean): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    const cp = s.charCodeAt(i);
    if (c === '"') out += '\\"';
    else if (c === '\\') out += '\\\\';
    else if (cp < 0x20) {
      if (c === '\n') out += '\\n';
      else if (c === '\r') out += '\\r';
      else if (c === '\t') out += '\\t';
      else out += '\\u00' + cp.toString(16).padStart(2, '0');
    } else if (escapeHtml && (c === '<' || c === '>' || c === '&')) out += '\\u00' + cp.toString(16);
    else if (cp === 0x2028 || cp === 0x2029) out += '\\u' + cp.toString(16);
    else if (cp >= 0xd800 && cp <= 0xdfff) {
      const next = s.charCodeAt(i + 1);
      if (cp < 0xdc00 && next >= 0xdc00 && next <= 0xdfff) { out += c + s[i + 1]; i++; }
      else out += '\ufffd';
    } else out += c;
  }
  return out + '"';
}

interface Opts { escapeHtml: boolean; indent?: string }

function marshal(v: unknown, o: Opts, depth: number, prefix: string): string {
  if (depth > 1000) throw new JsonError('json: unsupported value: encountered a cycle');
  v = jsonView(v);
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'string': return jsonString(v, o.escapeHtml);
    case 'boolean': return v ? 'true' : 'false';
    case 'number': return jsonFloat(v);
    case 'function': throw new JsonError('json: unsupported type: func(...interface {}) interface {}');
  }
  if (v instanceof GoInt) return String(v.value);
  const nl = o.indent !== undefined ? '\n' + prefix + o.indent : '';
  const end = o.indent !== undefined ? '\n' + prefix : '';
  const sep = o.indent !== undefined ? ': ' : ':';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return '[' + v.map((x) => nl + marshal(x, o, depth + 1, prefix + (o.indent ?? ''))).join(',') + end + ']';
  }
  const entries: [string, unknown][] = v instanceof OrderedFields ? v.entries
    : isGoMap(v) ? sortedKeys(v).map((k) => [k, v[k]]) : [];
  if (entries.length === 0) return '{}';
  return '{' + entries.map(([k, x]) => nl + jsonString(k, o.escapeHtml) + sep + marshal(x, o, depth + 1, prefix + (o.indent ?? ''))).join(',') + end + '}';
}

/** json.Marshal. Throws JsonError for values JSON cannot hold (NaN, functions). */
export function goJsonMarshal(v: unknown, escapeHtml = true): string { return marshal(v, { escapeHtml }, 0, ''); }

/** json.MarshalIndent(v, "", indent). */
export function goJsonIndent(v: unknown, indent: string, escapeHtml = true): string { return marshal(v, { escapeHtml, indent }, 0, ''); }

/** json.Unmarshal into interface{}: numbers are float64, objects maps, arrays lists. Throws Go's message on error. */
export function goJsonParse(s: string): unknown {
  try {
    return JSON.parse(s, function (this: unknown, _k: string, val: unknown) {
      if (val !== null && typeof val === 'object' && !Array.isArray(val)) {
        const m: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(val)) {
          if (k === '__proto__') Object.defineProperty(m, k, { value: x, enumerable: true, writable: true, configurable: true });
          else m[k] = x;
        }
        return m;
      }
      return val;
    });
  } catch (e) {
    throw new JsonError(goJsonErrorMessage(s, (e as Error).message));
  }
}

function goJsonErrorMessage(s: string, jsMsg: string): string {
  const t = s.trim();
  if (t === '') return 'unexpected end of JSON input';
  const m = /position (\d+)/.exec(jsMsg);
  if (m) {
    const p = Number(m[1]);
    const c = s[p];
    if (c === undefined) return 'unexpected end of JSON input';
    const first = /^\s*$/.test(s.slice(0, p));
    return `invalid character ${goCharQuote(c)} ${first ? 'looking for beginning of value' : 'after top-level value'}`;
  }
  if (/Unexpected end|Unterminated/.test(jsMsg)) return 'unexpected end of JSON input';
  const c = t[0];
  return `invalid character ${goCharQuote(c)} looking for beginning of value`;
}

function goCharQuote(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return "'\"'";
  return `'${c}'`;
}
