import type { Range } from '../../engine';
import { KustomizeError, goQuote, wrap } from './errors';
import { applyJsonPatch, opsFromNode, type JsonOp } from './json-patch';
import { clone, get, getString, isMap, set, str, type KMap, type KNode, type Src } from './node';
import { idString, type ResId, Resource } from './resource';
import type { ResMap, Selector } from './resmap';
import { strategicMerge } from './smp';
import { parseYaml } from './yaml-in';
import { prependTrace, stepOf, type Target } from './target';

export interface PatchEntry {
  path?: string;
  patch?: string;
  target?: Selector;
  allowNameChange: boolean;
  allowKindChange: boolean;
  src?: Src;
  patchSrc?: Src;
}

interface Loaded { text: string; file: string; shift?: (r: Range) => Range; basePath?: Src['path']; note: string }

/** Where an inline patch's lines sit in the kustomization (a block scalar: its content starts on the next line). */
function inlineShift(t: Target, src: Src | undefined, text: string): ((r: Range) => Range) | undefined {
  if (!src) return undefined;
  const file = t.ctx.fs.readText(t.k.file) ?? '';
  const lines = file.split('\n');
  const startLine = src.range.start.line;
  const header = lines[startLine] ?? '';
  const block = /[|>][-+0-9]*\s*(#.*)?$/.test(header.slice(src.range.start.character));
  const first = block ? startLine + 1 : startLine;
  const firstText = text.split('\n')[0] ?? '';
  let indent = 0;
  const fileLine = lines[first] ?? '';
  if (block) indent = fileLine.length - fileLine.trimStart().length;
  else indent = Math.max(0, fileLine.indexOf(firstText));
  return (r) => ({ start: { line: r.start.line + first, character: r.start.character + indent }, end: { line: r.end.line + first, character: r.end.character + indent } });
}

/** A Go yaml.v2 scalar: plain when it reads back as the same string, else single-quoted; lines as a literal block. */
function goYamlString(v: string, indent: string): string {
  if (v.includes('\n')) return `${v.endsWith('\n') ? '|' : '|-'}\n${v.replace(/\n$/, '').split('\n').map((l) => (l ? indent + '  ' + l : '')).join('\n')}`;
  const plain = v !== '' && !/^[\s\-?:,\[\]{}#&*!|>'"%@`]|: | #|\s$/.test(v) && !/^(true|false|yes|no|on|off|y|n|null|~|[-+]?(\d[\d_]*(\.\d*)?|\.\d+)([eE][-+]?\d+)?)$/i.test(v);
  return plain ? v : `'${v.replace(/'/g, "''")}'`;
}

/** A builtin plugin's config as kustomize prints it in "trouble configuring" errors (sigs.k8s.io/yaml: sorted keys). */
export function configYaml(obj: Record<string, unknown>, indent = ''): string {
  let out = '';
  for (const key of Object.keys(obj).sort()) {
    const v = obj[key];
    if (v === undefined || v === '' || (Array.isArray(v) && !v.length)) continue;
    if (Array.isArray(v)) out += `${indent}${key}:\n${v.map((x) => `${indent}- ${goYamlString(String(x), indent)}\n`).join('')}`;
    else if (typeof v === 'object' && v) { const inner = configYaml(v as Record<string, unknown>, indent + '  '); if (inner) out += `${indent}${key}:\n${inner}`; }
    else out += `${indent}${key}: ${typeof v === 'string' ? goYamlString(v, indent) : String(v)}\n`;
  }
  return out;
}

function patchConfig(e: PatchEntry): Record<string, unknown> {
  const options: Record<string, boolean> = {};
  if (e.allowNameChange) options.allowNameChange = true;
  if (e.allowKindChange) options.allowKindChange = true;
  return { path: e.path, patch: e.patch, target: e.target, options: Object.keys(options).length ? options : undefined };
}

/** Errors of a plugin's configuration step carry kustomize's "trouble configuring" prefix. */
function configuring<T>(plugin: string, config: Record<string, unknown>, f: () => T): T {
  try { return f(); } catch (err) { throw wrap(err, `trouble configuring builtin ${plugin} with config: \`\n${configYaml(config)}\``); }
}

function loadPatch(t: Target, e: PatchEntry, plugin = 'PatchTransformer'): Loaded {
  const path = e.path;
  const inline = (e.patch ?? '').trim();
  if (!path && !inline) throw new KustomizeError('must specify one of patch and path');
  if (path && inline) throw new KustomizeError("patch and path can't be set at the same time");
  if (path) {
    let text: string;
    try { text = t.ldr.load(path); } catch (err) { throw plugin === 'PatchTransformer' ? wrap(err, `failed to get the patch file from path(${path})`) : err; }
    const file = t.ldr.resolveFile(path);
    t.ctx.inputs.add(file);
    return { text, file, note: `patch ${t.rel(file)}` };
  }
  return { text: e.patch ?? '', file: t.k.file, shift: inlineShift(t, e.patchSrc, e.patch ?? ''), basePath: e.patchSrc?.path, note: `inline patch in ${t.rel(t.k.file)}` };
}

/** Re-anchors nodes of an inline patch on the kustomization file. */
function anchor(n: KNode, l: Loaded): void {
  if (l.shift && n.src) n.src = { ...n.src, range: l.shift(n.src.range), path: l.basePath ?? n.src.path };
  if (n.kind === 'map') for (const e of n.entries) anchor(e.value, l);
  else if (n.kind === 'seq') for (const i of n.items) anchor(i, l);
}

function parsePatch(t: Target, e: PatchEntry, l: Loaded): { smp?: KMap[]; json?: JsonOp[] } {
  const docs = parseYaml(l.text, l.file).map((d) => d.node).filter((n): n is KNode => !!n && !(n.kind === 'scalar' && (n.tag === '!!null' || n.value === '')));
  for (const d of docs) anchor(d, l);
  const step = stepOf(e.src, t.k.file, l.note);
  if (docs.length && docs[0].kind === 'seq') {
    prependTrace(docs[0], step);
    return { json: opsFromNode(docs[0], l.text.trim()[0] !== '[') };
  }
  if (!docs.length || docs.some((d) => d.kind !== 'map')) throw new KustomizeError(`unable to parse SM or JSON patch from ${l.text}`);
  for (const d of docs) prependTrace(d, step);
  return { smp: docs as KMap[] };
}

function patchId(p: KMap): ResId {
  const av = getString(p, 'apiVersion') ?? '';
  const i = av.indexOf('/');
  return { group: i < 0 ? '' : av.slice(0, i), version: i < 0 ? av : av.slice(i + 1), kind: getString(p, 'kind') ?? '', name: getString(p, 'metadata', 'name') ?? '', namespace: getString(p, 'metadata', 'namespace') ?? '' };
}

/** Resource.ApplySmPatch: merge, then put back the name, kind and namespace unless the patch may change them. */
export function applySmPatch(t: Target, m: ResMap, res: Resource, patch: KMap, allowName = false, allowKind = false): void {
  const p = clone(patch);
  const av = get(res.node, 'apiVersion');
  if (av) set(p, 'apiVersion', av);
  const name = res.name, ns = res.namespace, kind = res.kind;
  if (allowName || allowKind) res.storePreviousId();
  let merged: KNode | undefined;
  try { merged = strategicMerge(res.node, p, t.ctx.schema); } catch (e) { throw e; }
  if (!merged || merged.kind !== 'map' || !merged.entries.length) { m.remove(res); return; }
  res.node = merged;
  if (!allowKind) res.setKind(kind);
  if (!allowName) res.setName(name);
  res.setNamespace(ns);
}

function probe(t: Target, m: ResMap): Resource { return m.list[0] ?? new Resource({ kind: 'map', entries: [] }, { file: t.k.file, doc: 0 }, t.ctx.scope); }

/** A `patches:` entry: strategic merge (by the patch's own id, or to every target) or JSON 6902 (to every target). */
export function applyPatchEntry(t: Target, m: ResMap, e: PatchEntry): void {
  const { l, smp, json } = configuring('PatchTransformer', patchConfig(e), () => { const l = loadPatch(t, e); return { l, ...parsePatch(t, e, l) }; });
  if (json) {
    if (!e.target) throw new KustomizeError(`must specify a target for JSON patch ${l.text.trim()}`);
    for (const r of m.select(e.target)) {
      r.storePreviousId();
      jsonPatchResource(r, json);
    }
    return;
  }
  const patches = smp!;
  if (e.target) {
    if (patches.length > 1) throw new KustomizeError(`Multiple Strategic-Merge Patches in one \`patches\` entry is not allowed to set \`patches.target\` field: ${e.path ?? ''}`);
    for (const r of m.select(e.target)) applySmPatch(t, m, r, patches[0], e.allowNameChange, e.allowKindChange);
    return;
  }
  for (const p of patches) {
    const id = patchId(p);
    let target: Resource;
    try { target = m.getById(id, probe(t, m)); } catch (err) { throw wrap(err, `no resource matches strategic merge patch ${goQuote(idString(id))}`); }
    applySmPatch(t, m, target, p, e.allowNameChange, e.allowKindChange);
  }
}

/** `patchesStrategicMerge`: each entry is a file or inline YAML; each patch goes to the resource it names. */
export function applyPatchesStrategicMerge(t: Target, m: ResMap, entries: Array<{ value: string; src?: Src }>): void {
  const all: KMap[] = [];
  for (const entry of entries) {
    t.at(entry.src, () => {
      let l: Loaded;
      const inline = parseYaml(entry.value, t.k.file).some((d) => d.node?.kind === 'map');
      if (inline) l = { text: entry.value, file: t.k.file, shift: inlineShift(t, entry.src, entry.value), basePath: entry.src?.path, note: `inline patch in ${t.rel(t.k.file)}` };
      else {
        const text = configuring('PatchStrategicMergeTransformer', { paths: entries.map((x) => x.value) }, () => t.ldr.load(entry.value));
        const file = t.ldr.resolveFile(entry.value);
        t.ctx.inputs.add(file);
        l = { text, file, note: `patch ${t.rel(file)}` };
      }
      const { smp } = parsePatch(t, { src: entry.src, allowKindChange: false, allowNameChange: false }, l);
      if (!smp) throw new KustomizeError(`unable to parse SM patch from ${entry.value}`);
      all.push(...smp);
    });
  }
  if (!all.length) throw new KustomizeError(`patch appears to be empty; files=[${entries.map((e) => e.value).join(' ')}], Patch=`);
  for (const p of all) {
    const target = m.getById(patchId(p), probe(t, m));
    applySmPatch(t, m, target, p);
  }
}

/** A `patchesJson6902` entry: JSON 6902 operations (JSON or YAML) from `path` or `patch`, applied to the target. */
export function applyJson6902Entry(t: Target, m: ResMap, e: PatchEntry): void {
  if (!e.target) throw new KustomizeError(`must specify a target for patch ${e.patch ?? ''}`);
  const { l, json } = configuring('PatchJson6902Transformer', { path: e.path, jsonOp: e.patch, target: e.target }, () => { const l = loadPatch(t, e, 'PatchJson6902Transformer'); return { l, ...parsePatch(t, e, l) }; });
  if (!json) throw new KustomizeError(`unable to parse JSON patch from ${l.text}`);
  for (const r of m.select(e.target)) jsonPatchResource(r, json);
}

const INTERNAL = 'internal.config.kubernetes.io/';

/**
 * A JSON 6902 patch on a resource. kustomize applies it to the resource as it holds it, with its build
 * annotations (previous ids, prefixes) under metadata.annotations, so `add /metadata/annotations/x` works
 * on an object that has no annotations. Those annotations are put there for the patch and taken away after.
 */
function jsonPatchResource(r: Resource, ops: JsonOp[]): void {
  const meta = get(r.node, 'metadata');
  const build: Array<[string, string]> = [];
  if (r.prefixes.length) build.push(['prefixes', r.prefixes.join(',')]);
  if (r.prevIds.length) {
    build.push(['previousKinds', r.prevIds.map((p) => p.kind).join(',')], ['previousNames', r.prevIds.map((p) => p.name).join(',')], ['previousNamespaces', r.prevIds.map((p) => p.namespace).join(',')]);
  }
  if (r.suffixes.length) build.push(['suffixes', r.suffixes.join(',')]);
  if (isMap(meta) && build.length) {
    let ann = get(meta, 'annotations');
    if (!isMap(ann)) { ann = { kind: 'map', entries: [] }; set(meta, 'annotations', ann); }
    for (const [k, v] of build) set(ann, INTERNAL + k, str(v));
    r.annotationsTouched = true;
  }
  applyJsonPatch(r.node, ops);
  const after = get(r.node, 'metadata');
  const ann = get(after, 'annotations');
  if (isMap(ann)) ann.entries = ann.entries.filter((e) => !e.key.startsWith(INTERNAL));
}

export { str };
