/**
 * Code lenses on admission policies: what each policy (and each of its validations) does to the workspace,
 * "rejects 3 of 41 objects", clickable to list the rejected objects.
 */
import type { CodeLens, Location } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { objectsOf, parseManifest, rangeForPath, type K8sObject, type ParsedFile, type Path } from '../engine';
import { envOf, evaluateUnit, isPolicyObject, type LoadedPolicies, type PolicyUnit } from '../policies';
import { readRegularFile } from '../host';
import { pathToUri, uriToPath } from './uri';

/** The command a lens runs (the client turns its arguments into an editor "references" list). */
export const SHOW_POLICY_OBJECTS = 'kubehex.showPolicyObjects';

const MAX_FILE_BYTES = 16 * 1024 * 1024;
const keyOf = (o: { apiVersion: string; kind: string; name: string; namespace?: string }) => `${o.apiVersion}|${o.kind}|${o.namespace ?? ''}|${o.name}`;

interface Tally { matched: number; unknown: number; rejected: K8sObject[]; byMessage: Map<string, K8sObject[]> }

function tally(u: PolicyUnit, objects: ReadonlyArray<K8sObject>, loaded: LoadedPolicies): Tally {
  const env = envOf(objects, undefined, loaded.external);
  const t: Tally = { matched: 0, unknown: 0, rejected: [], byMessage: new Map() };
  for (const o of objects) {
    if (isPolicyObject(o)) continue;
    const r = evaluateUnit(u, o, env);
    if (r.violations.length) {
      t.matched++;
      t.rejected.push(o);
      for (const id of new Set(r.violations.map((v) => v.messageId))) t.byMessage.set(id, [...(t.byMessage.get(id) ?? []), o]);
    } else if (r.unknown || r.unknownNamespace) t.unknown++;
    else if (r.matched) t.matched++;
  }
  return t;
}

const plural = (n: number) => `${n} object${n === 1 ? '' : 's'}`;

/** Locations of objects (their `kind:` line), read from the open document or the file on disk. */
function locations(objs: ReadonlyArray<K8sObject>, textOf: (uri: string) => string | undefined): Location[] {
  const byFile = new Map<string, K8sObject[]>();
  for (const o of objs) if (o.file) byFile.set(o.file, [...(byFile.get(o.file) ?? []), o]);
  const out: Location[] = [];
  for (const [file, list] of byFile) {
    const uri = pathToUri(file);
    let text = textOf(uri);
    if (text === undefined) {
      const r = readRegularFile(file, MAX_FILE_BYTES);
      if (!r.ok) continue;
      text = r.bytes.toString('utf8');
    }
    const parsed = parseManifest(text, {});
    const lines = lineStarts(text);
    const wanted = new Set(list.map(keyOf));
    for (const pd of parsed.docs) {
      if (!pd.doc || pd.errors.length) continue;
      for (const o of objectsOf(pd, file)) {
        if (!wanted.has(keyOf(o))) continue;
        const [s, e] = rangeForPath(pd.doc, [...o.path, 'kind']);
        out.push({ uri, range: { start: position(lines, s), end: position(lines, e) } });
      }
    }
  }
  return out;
}

function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) out.push(i + 1);
  return out;
}
function position(starts: number[], offset: number): { line: number; character: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (starts[mid] <= offset) lo = mid; else hi = mid - 1; }
  return { line: lo, character: offset - starts[lo] };
}

/** Where each validation of a unit is written (relative to its policy object), when it can be named. */
function validationPaths(u: PolicyUnit): Array<[string, Path]> {
  const spec = u.source.value.spec as Record<string, unknown> | undefined;
  const list = (v: unknown) => (Array.isArray(v) ? v : []);
  if (u.engine === 'vap' || (u.engine === 'kyverno' && u.source.apiVersion.startsWith('policies.kyverno.io/'))) {
    return list(spec?.validations).map((_, i) => [`validation-${i + 1}`, ['spec', 'validations', i]]);
  }
  if (u.engine === 'kyverno' && u.sourcePath[0] === 'spec' && u.sourcePath[1] === 'rules') {
    const i = u.sourcePath[2] as number;
    const rule = list(spec?.rules)[i] as Record<string, unknown> | undefined;
    const cel = (rule?.validate as Record<string, unknown> | undefined)?.cel as Record<string, unknown> | undefined;
    const exprs = list(cel?.expressions);
    if (exprs.length > 1) return exprs.map((_, k) => [`validation-${k + 1}`, ['spec', 'rules', i, 'validate', 'cel', 'expressions', k]]);
  }
  return [];
}

/** The lenses of one document: one per policy unit written in it, and one per validation of a unit with several. */
export function policyLenses(doc: TextDocument, loaded: LoadedPolicies, workspace: ReadonlyArray<K8sObject>, textOf: (uri: string) => string | undefined): CodeLens[] {
  const path = uriToPath(doc.uri);
  if (!path) return [];
  const mine = loaded.units.filter((u) => u.source.file === path);
  if (!mine.length) return [];
  const parsed: ParsedFile = parseManifest(doc.getText(), {});
  const sources = new Map<string, { pd: (typeof parsed.docs)[number]; o: K8sObject }>();
  for (const pd of parsed.docs) {
    if (!pd.doc || pd.errors.length) continue;
    for (const o of objectsOf(pd, path)) if (isPolicyObject(o)) sources.set(keyOf(o), { pd, o });
  }
  const lenses: CodeLens[] = [];
  const at = (src: { pd: (typeof parsed.docs)[number]; o: K8sObject }, p: Path) => {
    const [s] = rangeForPath(src.pd.doc!, [...src.o.path, ...p]);
    const pos = doc.positionAt(s);
    return { start: pos, end: pos };
  };
  const lens = (range: CodeLens['range'], title: string, objs: K8sObject[]): CodeLens => ({
    range,
    command: objs.length
      ? { title, command: SHOW_POLICY_OBJECTS, arguments: [doc.uri, range.start, locations(objs, textOf)] }
      : { title, command: '' },
  });
  for (const u of mine) {
    const src = sources.get(keyOf(u.source));
    if (!src) continue;
    const t = tally(u, workspace, loaded);
    const notEvaluated = t.unknown ? `, ${t.unknown} not evaluated` : '';
    lenses.push(lens(at(src, u.sourcePath), `${u.id}: rejects ${t.rejected.length} of ${plural(t.matched)}${notEvaluated}`, t.rejected));
    const vps = validationPaths(u);
    if (vps.length < 2) continue;
    for (const [id, p] of vps) {
      const objs = t.byMessage.get(id) ?? [];
      lenses.push(lens(at(src, p), `${id}: rejects ${objs.length} of ${plural(t.matched)}`, objs));
    }
  }
  return lenses;
}
