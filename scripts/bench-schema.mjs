// Schema validation's share of a lint (issue: "validating a 500-document file adds less than 50 ms").
// Run by `npm run bench`.
//   1. a generated 500-document file of ten built-in kinds: scan with the schema rules on vs off, warm
//      (medians, wall and CPU time of this process) and cold (one scan in a fresh process each);
//   2. the whole of ../shared/corpus/real (when present): the same comparison, and how many schema findings.
import { mkdtempSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { scan } = require(join(root, 'out', 'cli', 'scan.js'));
const { collectFiles } = require(join(root, 'out', 'cli', 'files.js'));
const corpus = process.env.KUBEHEX_CORPUS ?? join(root, '..', 'shared', 'corpus', 'real');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SCHEMA_RULES = ['unknown-field', 'invalid-field-type', 'missing-required-field', 'deprecated-api-version'];
const OFF = { rules: Object.fromEntries(SCHEMA_RULES.map((id) => [id, 'off'])) };

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
async function timed(fn) { const t = process.hrtime.bigint(); const r = await fn(); return [Number(process.hrtime.bigint() - t) / 1e6, r]; }

/** Ten kinds, fifty of each: what an application bundle holds besides CRDs. */
function fiveHundred() {
  const kinds = [
    (i) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${i}\n  labels: {app: app-${i}}\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app: app-${i}}\n  template:\n    metadata:\n      labels: {app: app-${i}}\n    spec:\n      automountServiceAccountToken: false\n      securityContext:\n        runAsNonRoot: true\n        seccompProfile: {type: RuntimeDefault}\n      containers:\n        - name: app\n          image: registry.example.com/app@sha256:${'a'.repeat(64)}\n          ports: [{containerPort: 8080, name: http}]\n          env:\n            - {name: MODE, value: prod}\n          resources:\n            requests: {cpu: 100m, memory: 128Mi}\n            limits: {memory: 128Mi}\n          readinessProbe:\n            httpGet: {path: /ready, port: http}\n          livenessProbe:\n            httpGet: {path: /live, port: http}\n          securityContext:\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n            capabilities: {drop: [ALL]}\n`,
    (i) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: app-${i}\nspec:\n  selector: {app: app-${i}}\n  ports:\n    - {name: http, port: 80, targetPort: http}\n`,
    (i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-${i}\ndata:\n  config.yaml: |\n    level: info\n`,
    (i) => `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: app-${i}\nautomountServiceAccountToken: false\n`,
    (i) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: app-${i}\nrules:\n  - apiGroups: [""]\n    resources: [configmaps]\n    verbs: [get, list, watch]\n`,
    (i) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: app-${i}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: app-${i}}\nsubjects:\n  - {kind: ServiceAccount, name: app-${i}}\n`,
    (i) => `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: app-${i}\nspec:\n  tls: [{hosts: [app-${i}.example.com], secretName: app-${i}-tls}]\n  rules:\n    - host: app-${i}.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service: {name: app-${i}, port: {name: http}}\n`,
    (i) => `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: app-${i}\nspec:\n  podSelector: {matchLabels: {app: app-${i}}}\n  policyTypes: [Ingress]\n  ingress:\n    - ports: [{port: 8080}]\n`,
    (i) => `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: app-${i}\nspec:\n  minAvailable: 1\n  selector: {matchLabels: {app: app-${i}}}\n`,
    (i) => `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: app-${i}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: app-${i}}\n  minReplicas: 2\n  maxReplicas: 5\n  metrics:\n    - type: Resource\n      resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}\n`,
  ];
  const docs = [];
  for (let i = 0; i < 50; i++) for (const k of kinds) docs.push(k(i));
  return docs.join('---\n');
}

/** One scan in a fresh process (nothing loaded, nothing compiled yet): its wall time in ms. */
function coldScan(files, schema) {
  const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--cold', schema ? 'on' : 'off', ...files], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return Number(out.trim());
}

async function compare(label, files, runs) {
  const cpuOf = (c) => (c.user + c.system) / 1000;
  const on = [], off = [], onCpu = [], offCpu = [];
  let first;
  for (let i = 0; i < runs + 1; i++) {
    let c = process.cpuUsage();
    const [tOn, r] = await timed(() => scan({ files, workers: 1 }));
    const cOn = cpuOf(process.cpuUsage(c));
    c = process.cpuUsage();
    const [tOff] = await timed(() => scan({ files, workers: 1, config: OFF }));
    const cOff = cpuOf(process.cpuUsage(c));
    if (i === 0) { first = r; continue; } // warm-up
    on.push(tOn); off.push(tOff); onCpu.push(cOn); offCpu.push(cOff);
  }
  const schema = first.results.flatMap((r) => r.findings.filter((f) => SCHEMA_RULES.includes(f.ruleId)));
  const byRule = {};
  for (const f of schema) byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
  const coldOn = coldScan(files, true), coldOff = coldScan(files, false);
  console.log(`schema validation, ${label}: warm (median of ${runs}, one thread) ${median(on).toFixed(1)} ms with the schema rules vs ${median(off).toFixed(1)} ms without, adds ${(median(on) - median(off)).toFixed(1)} ms wall, ${(median(onCpu) - median(offCpu)).toFixed(1)} ms CPU; cold (one scan in a fresh process each) ${coldOn.toFixed(0)} vs ${coldOff.toFixed(0)} ms; schema findings ${schema.length} ${JSON.stringify(byRule)}`);
}

const cold = process.argv.indexOf('--cold');
if (cold > 0) {
  const files = process.argv.slice(cold + 2);
  const [t] = await timed(() => scan({ files, workers: 1, ...(process.argv[cold + 1] === 'off' ? { config: OFF } : {}) }));
  console.log(t.toFixed(1));
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'kubehex-bench-'));
try {
  const file = join(dir, 'five-hundred.yaml');
  writeFileSync(file, fiveHundred());
  await compare('generated 500-document file (10 built-in kinds)', [file], RUNS);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (existsSync(corpus)) {
  const { files } = collectFiles([corpus]);
  await compare(`whole corpus/real (${files.length} files)`, files, Math.max(1, Math.min(RUNS, 3)));
}
