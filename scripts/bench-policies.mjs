// Admission policies' cost (issue 11): evaluating 50 policies over a corpus in process, and keystroke ->
// diagnostics in a policy file with 200 manifests open in the language server (target <= 150 ms).
// Policies and objects come from ../shared/admission when present, else they are generated.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const engine = require(join(root, 'out', 'engine', 'index.js'));
const pol = require(join(root, 'out', 'policies', 'index.js'));
const podSecurity = pol.podSecurityCheck(require(join(root, 'out', 'rules', 'index.js')).rules);
const base = process.env.KUBEHEX_ADMISSION ?? join(root, '..', 'shared', 'admission');
const now = () => Number(process.hrtime.bigint()) / 1e6;
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

function objectsOf(text) {
  const p = engine.parseManifest(text, {});
  return p.fatal ? [] : p.docs.flatMap((pd) => (pd.doc && !pd.errors.length ? engine.objectsOf(pd) : []));
}

const VAP = (i, max) => `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: max-replicas-${i}
spec:
  matchConstraints:
    resourceRules:
      - {apiGroups: [apps], apiVersions: [v1], operations: [CREATE, UPDATE], resources: [deployments]}
  validations:
    - expression: "object.spec.replicas <= ${max}"
      message: "at most ${max} replicas"
    - expression: "object.spec.template.spec.containers.all(c, has(c.resources) && has(c.resources.limits))"
      message: "limits required"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: max-replicas-${i}
spec:
  policyName: max-replicas-${i}
  validationActions: [Deny]
`;
const DEPLOY = (i) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: svc-${i}
  namespace: shop
spec:
  replicas: ${1 + (i % 5)}
  selector:
    matchLabels: {app: svc-${i}}
  template:
    metadata:
      labels: {app: svc-${i}}
    spec:
      containers:
        - name: app
          image: registry.example.com/svc-${i}:1.0.${i}
          resources:
            limits: {cpu: 500m, memory: 256Mi}
`;

// ---- 50 policies over a corpus, in process (BENCH_POLICIES=lsp skips it) ----
const inProcess = process.env.BENCH_POLICIES !== 'lsp';
let policies = [];
let objects = [];
let source = 'generated';
let files = 0;
if (!inProcess) { /* skipped */ } else if (existsSync(join(base, 'cases.json'))) {
  source = '../shared/admission';
  const cases = JSON.parse(readFileSync(join(base, 'cases.json'), 'utf8'));
  const seen = new Set();
  for (const c of cases) {
    const dir = join(base, 'cases', c.id);
    // the first 50 policy files, with their cases' bindings and constraints
    if (files < 50) {
      for (const f of [...c.policies, ...c.bindings, ...c.constraints]) {
        const p = join(dir, f);
        if (seen.has(p)) continue;
        seen.add(p);
        if (c.policies.includes(f)) files++;
        policies.push(...objectsOf(readFileSync(p, 'utf8')).filter(pol.isPolicyObject));
      }
    }
    for (const path of new Set(c.resources.map((r) => join(dir, r.path)))) {
      if (seen.has(path)) continue;
      seen.add(path);
      try { objects.push(...objectsOf(readFileSync(path, 'utf8')).filter((o) => !pol.isPolicyObject(o) && o.kind !== 'AdmissionReview')); } catch { /* missing */ }
    }
  }
} else {
  for (let i = 0; i < 50; i++) policies.push(...objectsOf(VAP(i, 3)));
  for (let i = 0; i < 2000; i++) objects.push(...objectsOf(DEPLOY(i)));
}
const loaded = pol.loadPolicies(policies, { unbound: 'evaluate', podSecurity });
const policyCount = new Set(loaded.units.map((u) => `${u.source.kind}/${u.source.name}`)).size;
const runs = [];
for (let r = 0; inProcess && r < 3; r++) {
  const env = pol.makeEnv(objects); // a fresh Env: nothing memoised from the previous run
  const t = now();
  for (const u of loaded.units) for (const o of objects) pol.evaluateUnit(u, o, env);
  runs.push(now() - t);
}
if (inProcess) console.log(`policies: ${policyCount} policy objects from ${source === 'generated' ? 50 : files} files (${loaded.units.length} rule ids) over ${objects.length} objects (${source}): median ${median(runs).toFixed(0)} ms (${(median(runs) * 1000 / (loaded.units.length * objects.length)).toFixed(2)} µs per policy-object pair)`);

// ---- the policy pass of a corpus scan: a repository's own policies over its objects ----
// Every file parsed once (not timed); per round fresh object values (nothing memoised from the round before),
// then what a scan does per document with the policy rules: evaluate and build the findings (CPU time).
const corpus = process.env.KUBEHEX_POLICY_CORPUS ?? join(root, '..', 'shared', 'corpus', 'real');
if (inProcess && existsSync(corpus)) {
  const { collectFiles } = require(join(root, 'out', 'cli', 'files.js'));
  const { findPolicies } = require(join(root, 'out', 'cli', 'policies.js'));
  const list = collectFiles([corpus]).files;
  const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  const docs = [];
  for (const f of list) {
    let text;
    try { text = readFileSync(f, 'utf8'); } catch { continue; }
    const p = engine.parseManifest(text, {});
    if (p.fatal) continue;
    for (const pd of p.docs) if (pd.doc && !engine.blocksLint(pd) && engine.objectsOf(pd, f).length) docs.push([p, pd]);
  }
  let t = cpu();
  const found = findPolicies({ files: list });
  const findMs = cpu() - t;
  const pset = engine.resolveRules(found.rules, undefined, undefined);
  const rounds = [];
  let findings = 0;
  for (let r = 0; r < 3; r++) {
    const all = [];
    for (const [, pd] of docs) {
      pd.objects = pd.objects.map((o) => { const value = structuredClone(o.value); return { ...o, value, metadata: engine.isRecord(value.metadata) ? value.metadata : {} }; });
      all.push(...pd.objects);
    }
    findings = 0;
    t = cpu();
    for (const [p, pd] of docs) findings += engine.lintDocument(p, pd, pset, all).length;
    rounds.push(cpu() - t);
  }
  console.log(`policies corpus: ${found.rules.length - 1} policy rules over ${docs.length} documents (${corpus}): finding the policies ${findMs.toFixed(0)} ms CPU; evaluating with findings ${findings}: first round ${rounds[0].toFixed(0)} ms, median ${median(rounds).toFixed(0)} ms CPU`);
}

// ---- keystroke -> diagnostics in a policy file, 200 manifests open ----
const server = join(root, 'dist', 'server.js');
if (!existsSync(server)) { console.log('policies lsp: dist/server.js missing; run npm run build'); process.exit(0); }
const proc = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
let buf = Buffer.alloc(0);
let nextId = 1;
const pending = new Map();
let listeners = [];
proc.stdout.on('data', (d) => {
  buf = Buffer.concat([buf, d]);
  for (;;) {
    const sep = buf.indexOf('\r\n\r\n'); if (sep < 0) return;
    const len = Number(/Content-Length: *(\d+)/i.exec(buf.subarray(0, sep).toString())[1]);
    if (buf.length < sep + 4 + len) return;
    const msg = JSON.parse(buf.subarray(sep + 4, sep + 4 + len).toString('utf8'));
    buf = buf.subarray(sep + 4 + len);
    if (msg.id !== undefined && !msg.method && pending.has(msg.id)) { pending.get(msg.id)(msg.result); pending.delete(msg.id); }
    else if (msg.id !== undefined && msg.method) send({ jsonrpc: '2.0', id: msg.id, result: msg.method === 'workspace/configuration' ? msg.params.items.map(() => ({})) : null });
    for (const l of listeners.slice()) l(msg);
  }
});
function send(o) { const b = Buffer.from(JSON.stringify(o)); proc.stdin.write(`Content-Length: ${b.length}\r\n\r\n`); proc.stdin.write(b); }
const request = (method, params) => new Promise((res) => { const id = nextId++; pending.set(id, res); send({ jsonrpc: '2.0', id, method, params }); });
const notify = (method, params) => send({ jsonrpc: '2.0', method, params });
const diagnostics = (uri, version) => new Promise((res) => {
  const l = (m) => { if (m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.version === version) { listeners = listeners.filter((x) => x !== l); res(m.params.diagnostics); } };
  listeners.push(l);
});

// the latest diagnostics of each manifest: does the edited policy reject it?
const RULE = 'vap:max-replicas-0';
const rejected = new Map();
let onManifest = () => undefined;
listeners.push((m) => {
  if (m.method !== 'textDocument/publishDiagnostics' || !m.params.uri.includes('/deploy-')) return;
  rejected.set(m.params.uri, m.params.diagnostics.some((d) => d.code === RULE));
  onManifest();
});
const deployUri = (i) => pathToFileURL(`/bench/policies/deploy-${i}.yaml`).href;
/** Resolves when every manifest shows the verdict of `replicas <= max`. */
const manifestsAgree = (max) => new Promise((res) => {
  const ok = () => { for (let i = 0; i < 200; i++) if ((rejected.get(deployUri(i)) ?? false) !== (1 + (i % 5) > max)) return false; return true; };
  onManifest = () => { if (ok()) { onManifest = () => undefined; res(); } };
  onManifest();
});

await request('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } } });
notify('initialized', {});
const opened = [];
for (let i = 0; i < 200; i++) {
  const uri = deployUri(i);
  opened.push(diagnostics(uri, 1));
  notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: DEPLOY(i) } });
}
await Promise.all(opened);
const policyUri = pathToFileURL('/bench/policies/policy.yaml').href;
const text = VAP(0, 3);
const line = text.split('\n').findIndex((l) => l.includes('<= 3'));
const col = text.split('\n')[line].indexOf('<= 3') + 3;
let version = 1;
let p = diagnostics(policyUri, 1);
notify('textDocument/didOpen', { textDocument: { uri: policyUri, languageId: 'yaml', version: 1, text } });
await p;
await manifestsAgree(3);
const lat = [];
const all = [];
for (let r = 0; r < 30; r++) {
  version++;
  p = diagnostics(policyUri, version);
  const max = 2 + (r % 7);
  const agree = manifestsAgree(max);
  const t = now();
  notify('textDocument/didChange', { textDocument: { uri: policyUri, version }, contentChanges: [{ range: { start: { line, character: col }, end: { line, character: col + 1 } }, text: String(max) }] });
  await p;
  lat.push(now() - t);
  // and until every manifest shows the edited policy's verdict (the next keystroke waits for that)
  await agree;
  all.push(now() - t);
}
const p90 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)];
console.log(`policies lsp keystroke->diagnostics in a policy file, 200 manifests open (push, includes the debounce): median ${median(lat).toFixed(1)} ms, p90 ${p90(lat).toFixed(1)} ms, max ${Math.max(...lat).toFixed(1)} ms (target <= 150)`);
console.log(`policies lsp keystroke->every manifest shows the edited policy's verdict: median ${median(all).toFixed(1)} ms, p90 ${p90(all).toFixed(1)} ms, max ${Math.max(...all).toFixed(1)} ms`);
await request('shutdown', null);
notify('exit', null);
