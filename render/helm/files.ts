import type { ChartFile } from './chart';
import { GO_TYPE_KEY } from './go-objects';

/**
 * `.Files` as Helm exposes it (facts from Helm's documentation): a map from path (relative to the chart) to bytes,
 * of the chart's files that are not templates, not Chart.yaml/values.yaml/values.schema.json and not subcharts,
 * after .helmignore. Methods: Get (string; "" when missing), GetBytes, Glob (a `.Files` of the matches; `*` stops
 * at `/`, `**` crosses it, `{a,b}`, `[ab]`, `?`), Lines, AsConfig and AsSecrets (YAML maps of base name to
 * content, base64 for secrets). It is confined to the chart by construction: it only knows the chart's own files.
 *
 * Model for the template engine: a map (ranging yields path -> []byte, sorted) whose methods are
 * non-enumerable function properties, tagged with its Go type `engine.files`.
 */
export type FilesMap = Record<string, Uint8Array> & {
  Get(name: string): string;
  GetBytes(name: string): Uint8Array;
  Glob(pattern: string): FilesMap;
  Lines(name: string): string[];
  AsConfig(): string;
  AsSecrets(): string;
};

export interface FilesOptions {
  /** Called when a file's content is read (provenance: the file becomes an input of the render). */
  onRead?: (file: ChartFile) => void;
  /** toYAML of a map of strings (the template engine's, so quoting matches Helm). */
  toYaml: (m: Record<string, string>) => string;
  /** []string for the template engine. */
  stringList?: (xs: string[]) => unknown;
}

export function makeFiles(files: ReadonlyArray<ChartFile>, opts: FilesOptions): FilesMap {
  const byName = new Map(files.map((f) => [f.name, f]));
  const read = (n: string): Uint8Array | undefined => {
    const f = byName.get(n);
    if (!f) return undefined;
    opts.onRead?.(f);
    return f.bytes();
  };
  const decode = (b: Uint8Array | undefined) => (b ? new TextDecoder('utf-8').decode(b) : '');
  const m = {} as FilesMap;
  for (const f of [...byName.keys()].sort()) {
    Object.defineProperty(m, f, { enumerable: true, configurable: true, get: () => read(f) ?? new Uint8Array() });
  }
  const method = (name: string, fn: (...a: never[]) => unknown) => Object.defineProperty(m, name, { value: fn, enumerable: false });
  method('Get', (name: string) => decode(read(name)));
  method('GetBytes', (name: string) => read(name) ?? new Uint8Array());
  method('Glob', (pattern: string) => {
    const re = globRegex(pattern) ?? /^.*$/s;
    return makeFiles(files.filter((f) => re.test(f.name)), opts);
  });
  method('Lines', (name: string) => {
    const b = read(name);
    if (!b || !b.length) return wrap([]);
    let s = decode(b);
    if (s.endsWith('\n')) s = s.slice(0, -1);
    return wrap(s.split('\n'));
  });
  method('AsConfig', () => {
    const out: Record<string, string> = {};
    for (const n of [...byName.keys()].sort()) out[n.slice(n.lastIndexOf('/') + 1)] = decode(read(n));
    return opts.toYaml(out);
  });
  method('AsSecrets', () => {
    const out: Record<string, string> = {};
    for (const n of [...byName.keys()].sort()) out[n.slice(n.lastIndexOf('/') + 1)] = base64(read(n) ?? new Uint8Array());
    return opts.toYaml(out);
  });
  Object.defineProperty(m, GO_TYPE_KEY, { value: 'engine.files', enumerable: false });
  return m;

  function wrap(xs: string[]): unknown { return opts.stringList ? opts.stringList(xs) : xs; }
}

function base64(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += String.fromCharCode(x);
  return btoa(s);
}

/** gobwas/glob with `/` as separator, as Helm's .Files.Glob compiles patterns. Undefined when invalid. */
export function globRegex(pattern: string): RegExp | undefined {
  let re = '';
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') {
      if (pattern[i + 1] === '*') { re += '.*'; i++; } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) return undefined;
      let body = pattern.slice(i + 1, end);
      const neg = body.startsWith('!');
      if (neg) body = body.slice(1);
      re += `[${neg ? '^' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
      i = end;
    } else if (c === '{') { re += '(?:'; depth++; }
    else if (c === '}' && depth) { re += ')'; depth--; }
    else if (c === ',' && depth) re += '|';
    else if (c === '\\' && i + 1 < pattern.length) re += escapeRe(pattern[++i]);
    else re += escapeRe(c);
  }
  if (depth) return undefined;
  try { return new RegExp(`^${re}$`, 's'); } catch { return undefined; }
}

function escapeRe(c: string): string { return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'); }
