// Builds every case of ../shared/kustomize (real kustomization roots with `kubectl kustomize` v5.5 output) with
// kubehex's own Kustomize build and compares: objects (deep-equal), bytes (stretch), errors (errorKey), and
// provenance: each object's source-map origin against kustomize's `config.kubernetes.io/origin` annotation
// (expected/<id>.origin.yaml), the buildMetadata variant byte for byte, and field-level origins (a leaf value's
// origin node in a resource or patch file holds that value). Run after `npm run build`.
//   node scripts/kustomize-conformance.mjs [--verbose] [case-id...]
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const base = process.env.KUBEHEX_KUSTOMIZE_CASES ?? join(root, '..', 'shared', 'kustomize');
const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const only = args.filter((a) => !a.startsWith('--'));

export function runKustomizeConformance() {
  if (!existsSync(join(base, 'cases.json'))) { console.log(`kustomize conformance: skipped (${base} not found)`); return; }
  const { kustomizeRenderer, overlayFs } = require(join(root, 'out', 'render', 'index.js'));
  const { diskFs } = require(join(root, 'out', 'cli', 'disk-fs.js'));
  const YAML = require('yaml');
  const fs = diskFs();
  const cases = JSON.parse(readFileSync(join(base, 'cases.json'), 'utf8'));
  const t = { cases: 0, build: 0, objects: 0, bytes: 0, errors: 0, errorCases: 0, prov: 0, provObjects: 0, meta: 0, metaCases: 0, fields: 0, fieldsOk: 0 };
  const out = [];
  const strip = (o) => {
    const a = o?.metadata?.annotations;
    if (a) { delete a['config.kubernetes.io/origin']; delete a['alpha.config.kubernetes.io/transformations']; if (!Object.keys(a).length) delete o.metadata.annotations; }
    return o;
  };
  const key = (o) => `${o?.kind}/${o?.metadata?.namespace ?? ''}/${o?.metadata?.name}`;
  for (const c of cases) {
    if (only.length && !only.includes(c.id)) continue;
    t.cases++;
    const dir = resolve(base, c.root);
    const opts = { kustomize: c.flags.includes('LoadRestrictionsNone') ? { loadRestrictor: 'LoadRestrictionsNone' } : {} };
    const res = kustomizeRenderer.render(fs, dir, opts);
    if (typeof c.expect === 'object') {
      t.errorCases++;
      const msg = res.errors[0]?.message ?? '';
      const ok = msg.includes(c.errorKey);
      if (ok) t.errors++;
      out.push(`${ok ? 'ok  ' : 'FAIL'} ${c.id}: error${ok ? '' : ` (got: ${msg ? msg.slice(0, 300) : 'no error'})`}`);
      continue;
    }
    if (res.errors.length) { out.push(`FAIL ${c.id}: build error: ${res.errors[0].message.slice(0, 300)}`); continue; }
    t.build++;
    const want = readFileSync(join(base, c.expect), 'utf8');
    const bytes = want === res.text;
    const wantDocs = YAML.parseAllDocuments(want).map((d) => d.toJS());
    const gotDocs = YAML.parseAllDocuments(res.text).map((d) => d.toJS());
    const objects = JSON.stringify(wantDocs) === JSON.stringify(gotDocs);
    if (bytes) t.bytes++;
    if (objects) t.objects++;
    // provenance: the origin of each object's whole document vs the origin annotation
    const expOrigin = new Map();
    for (const d of YAML.parseAllDocuments(readFileSync(join(base, c.provenance), 'utf8')).map((x) => x.toJS())) {
      const o = d?.metadata?.annotations?.['config.kubernetes.io/origin'];
      expOrigin.set(key(strip(d)), o ? YAML.parse(o) : undefined);
    }
    const docs = YAML.parseAllDocuments(res.text, { keepSourceTokens: false });
    let provOk = 0;
    const provBad = [];
    docs.forEach((d) => {
      const r0 = d.contents?.range ?? d.range;
      const seg = res.map.at(r0[0], Math.max(r0[0] + 1, r0[1] - 1));
      const o = d.toJS();
      const exp = expOrigin.get(key(o));
      let ok = false;
      if (seg?.origin.kind === 'node' && exp) {
        const rel = relative(dir, seg.origin.file);
        if (exp.path) ok = rel === exp.path;
        else if (exp.configuredIn) ok = rel === exp.configuredIn && /Generator$/.test(exp.configuredBy?.kind ?? '');
      }
      if (ok) provOk++; else provBad.push(`${key(o)} -> ${seg?.origin.kind === 'node' ? relative(dir, seg.origin.file) : seg?.origin.kind} (want ${exp?.path ?? exp?.configuredIn})`);
      fieldCheck(d, res.map, t, fs, YAML);
    });
    t.prov += provOk;
    t.provObjects += docs.length;
    // buildMetadata variant (kustomize's own origin/transformer annotations), built by overlaying the edit
    let meta = false;
    if (c.provenanceEdit) {
      const file = resolve(base, c.provenanceEdit.file);
      const text = fs.readText(file) ?? '';
      const edited = overlayFs(fs, new Map([[file, `${text}${text.endsWith('\n') ? '' : '\n'}${c.provenanceEdit.append}\n`]]));
      const r2 = kustomizeRenderer.render(edited, dir, opts);
      meta = r2.text === readFileSync(join(base, c.provenance), 'utf8');
      t.metaCases++;
      if (meta) t.meta++;
    }
    out.push(`${objects ? 'ok  ' : 'FAIL'} ${c.id}: objects ${objects ? 'equal' : 'DIFFER'}, bytes ${bytes ? 'equal' : 'differ'}, provenance ${provOk}/${docs.length}, buildMetadata ${meta ? 'equal' : 'differs'}`);
    if (verbose) for (const b of provBad) out.push(`       origin: ${b}`);
  }
  const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(1)}%` : 'n/a');
  console.log('kustomize conformance against kubectl kustomize v5.5 (../shared/kustomize)');
  for (const l of out) console.log(`  ${l}`);
  console.log(`kustomize: objects equal ${t.objects}/${t.cases - t.errorCases} builds, byte-exact ${t.bytes}, errors matched ${t.errors}/${t.errorCases}, cases passing ${t.objects + t.errors}/${t.cases}; provenance: object origins ${t.prov}/${t.provObjects} (${pct(t.prov, t.provObjects)}), buildMetadata output equal ${t.meta}/${t.metaCases}, field origins holding the value ${t.fieldsOk}/${t.fields} (${pct(t.fieldsOk, t.fields)})`);
}

/** Leaf values whose origin is a YAML node of a resource or patch file (or a line of a generator's env or data file): does it hold the same value? */
function fieldCheck(doc, map, t, fs, YAML) {
  const cache = fieldCheck.cache ?? (fieldCheck.cache = new Map());
  const parsed = (file) => {
    if (!cache.has(file)) { const text = fs.readText(file); cache.set(file, text === undefined ? null : YAML.parseAllDocuments(text)); }
    return cache.get(file);
  };
  const visit = (node) => {
    if (!node) return;
    if (YAML.isMap(node)) { for (const p of node.items) visit(p.value); return; }
    if (YAML.isSeq(node)) { for (const i of node.items) visit(i); return; }
    if (!YAML.isScalar(node) || !node.range) return;
    const seg = map.at(node.range[0], Math.max(node.range[0] + 1, node.range[1]));
    if (seg?.origin.kind !== 'node') return;
    const o = seg.origin;
    if (/kustomization\.ya?ml$|\/Kustomization$/.test(o.file)) return; // set by a transformer entry
    if (o.doc < 0) { // an env or data file of a generator (not YAML): its text at the range holds the value
      const lines = (fs.readText(o.file) ?? '').split('\n').slice(o.range.start.line, o.range.end.line + 1);
      t.fields++;
      if (lines.join('\n').includes(String(node.value).trim()) || Buffer.from(lines.join('\n')).toString('base64') === String(node.value)) t.fieldsOk++;
      return;
    }
    const docs = parsed(o.file);
    const src = docs?.[o.doc]?.getIn?.(o.path, true);
    t.fields++;
    if (src !== undefined && YAML.isScalar(src) && String(src.value) === String(node.value)) t.fieldsOk++;
    else if (src !== undefined && YAML.isScalar(src) && String(node.value).includes(String(src.value))) t.fieldsOk++; // a prefix, suffix or hash around it
  };
  visit(doc.contents);
}

if (import.meta.url === `file://${process.argv[1]}`) runKustomizeConformance();
