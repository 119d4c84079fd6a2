import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kubehex, tempDir } from './helpers';

/** Rules that would crowd the output are off: what stays is privileged-container, resource limits, host namespaces. */
const CONFIG = 'profile: recommended\nrules:\n' + ['default-service-account', 'liveness-probe-missing', 'readiness-probe-missing', 'resource-requests-missing', 'service-account-token-automount',
  'image-not-pinned', 'namespace-default', 'capabilities-not-dropped', 'run-as-root', 'seccomp-profile-missing', 'writable-root-filesystem', 'privilege-escalation-allowed'].map((id) => `  ${id}: off\n`).join('');

const VALUES = `image: nginx:1.27
securityContext:
  privileged: true
resources:
  requests:
    cpu: 100m
    memory: 64Mi
  # limits:
  #   cpu: 500m
hostNetwork: false
`;
const HELPERS = `{{- define "web.container" -}}
- name: {{ .name }}
  image: {{ .root.Values.image }}
  securityContext:
    {{- toYaml .root.Values.securityContext | nindent 4 }}
  resources:
    {{- toYaml .root.Values.resources | nindent 4 }}
{{- end }}
`;
const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      hostNetwork: {{ .Values.hostNetwork }}
      containers:
        {{- include "web.container" (dict "name" "web" "root" .) | nindent 8 }}
`;
const JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: {{ .Release.Name }}-job
spec:
  template:
    spec:
      hostPID: true
      restartPolicy: Never
      containers:
        {{- include "web.container" (dict "name" "job" "root" .) | nindent 8 }}
`;

interface JsonFinding { ruleId: string; severity: string; message: string; file: string; range: unknown; trace: Array<{ file: string; range: unknown; note: string }>; rendered: unknown }

const r = (l1: number, c1: number, l2: number, c2: number) => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });
const INCLUDE_WEB = { file: 'chart/templates/deploy.yaml', range: r(15, 8, 15, 79), note: '{{- include "web.container" (dict "name" "web" "root" .) | nindent 8 }}' };
const ALSO_JOB = { file: 'chart/templates/job.yaml', range: r(10, 8, 10, 79), note: 'also Job release-name-job: {{- include "web.container" (dict "name" "job" "root" .) | nindent 8 }}' };

describe('cli: provenance of findings in a Helm chart (JSON file, range, trace, rendered)', function () {
  this.timeout(60000);
  let dir: string;
  const scan = (args: string[] = []) => {
    const out = kubehex(['scan', 'chart', '--format', 'json', ...args], { cwd: dir });
    assert.equal(out.stderr, '');
    return (JSON.parse(out.stdout) as { findings: JsonFinding[] }).findings;
  };
  const only = (fs: JsonFinding[], ruleId: string) => fs.filter((f) => f.ruleId === ruleId).map((f) => ({ file: f.file, range: f.range, trace: f.trace, rendered: f.rendered }));
  beforeEach(() => {
    dir = tempDir();
    mkdirSync(join(dir, 'chart', 'templates'), { recursive: true });
    writeFileSync(join(dir, 'chart', 'Chart.yaml'), 'apiVersion: v2\nname: web\nversion: 0.1.0\n');
    writeFileSync(join(dir, 'chart', 'values.yaml'), VALUES);
    writeFileSync(join(dir, 'chart', 'templates', '_helpers.tpl'), HELPERS);
    writeFileSync(join(dir, 'chart', 'templates', 'deploy.yaml'), DEPLOY);
    writeFileSync(join(dir, 'chart', 'templates', 'job.yaml'), JOB);
    writeFileSync(join(dir, '.kubehex.yaml'), CONFIG);
  });

  it('a value from values.yaml: on its key, the include chain in trace, once for the two objects that read it', () => {
    assert.deepEqual(only(scan(), 'privileged-container'), [{
      file: 'chart/values.yaml', range: r(2, 2, 2, 18),
      trace: [INCLUDE_WEB, { file: 'chart/templates/_helpers.tpl', range: r(4, 4, 4, 58), note: '{{- toYaml .root.Values.securityContext | nindent 4 }}' }, ALSO_JOB],
      rendered: { source: 'chart', values: [] },
    }]);
  });

  it('literal template text: on the template line, no trace', () => {
    assert.deepEqual(only(scan(), 'host-pid'), [{ file: 'chart/templates/job.yaml', range: r(7, 6, 7, 19), trace: [], rendered: { source: 'chart', values: [] } }]);
  });

  it('a missing field whose parent map came from toYaml .Values.resources: on the values key of the parent', () => {
    const limits = scan().filter((f) => f.ruleId === 'resource-limits-missing');
    // one finding per container; a CPU limit is not required by the default profile
    assert.deepEqual(limits.map((f) => f.message), ['Deployment release-name-web: container "web" has no memory limit.']);
    const toYaml = { file: 'chart/templates/_helpers.tpl', range: r(6, 4, 6, 52), note: '{{- toYaml .root.Values.resources | nindent 4 }}' };
    for (const f of limits) assert.deepEqual({ file: f.file, range: f.range, trace: f.trace }, { file: 'chart/values.yaml', range: r(3, 0, 3, 9), trace: [INCLUDE_WEB, toYaml, ALSO_JOB] });
  });

  it('a value from --set: on the template line that printed it, and the trace names the --set', () => {
    const fs = scan(['--set', 'hostNetwork=true']);
    assert.deepEqual(only(fs, 'host-network'), [{
      file: 'chart/templates/deploy.yaml', range: r(13, 6, 13, 19),
      trace: [{ file: 'chart/templates/deploy.yaml', range: r(13, 19, 13, 44), note: '--set hostNetwork=true' }],
      rendered: { source: 'chart', values: [] },
    }]);
  });

  it('the user\'s values file beats the chart\'s values.yaml (the last writer), and is listed in rendered.values', () => {
    writeFileSync(join(dir, 'chart', 'values.yaml'), VALUES.replace('privileged: true', 'privileged: false'));
    writeFileSync(join(dir, 'prod.yaml'), '# production\nsecurityContext:\n    privileged: true\n');
    const [f] = only(scan(['--values', 'prod.yaml']), 'privileged-container');
    assert.deepEqual({ file: f.file, range: f.range, rendered: f.rendered }, { file: 'prod.yaml', range: r(2, 4, 2, 20), rendered: { source: 'chart', values: ['prod.yaml'] } });
  });

  it('a suppression comment above the values key silences the finding shown there', () => {
    writeFileSync(join(dir, 'chart', 'values.yaml'), VALUES.replace('  privileged: true', '  # kubehex-disable-next-line privileged-container -- CI runner needs it\n  privileged: true'));
    const fs = scan();
    assert.deepEqual(only(fs, 'privileged-container'), []);
    assert.equal(only(fs, 'host-pid').length, 1);
  });

  it('a chart that calls lookup gets one info finding "rendered without cluster state"', () => {
    writeFileSync(join(dir, 'chart', 'templates', 'cm.yaml'), '{{- $a := lookup "v1" "Secret" .Release.Namespace "a" }}\n{{- $b := lookup "v1" "Secret" .Release.Namespace "b" }}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n');
    writeFileSync(join(dir, 'chart', 'templates', 'deploy.yaml'), `{{- $s := lookup "v1" "Secret" .Release.Namespace "x" }}\n${DEPLOY}`);
    const notes = scan().filter((f) => f.ruleId === 'render-incomplete');
    // at the first call Helm executes (templates run in reverse name order: deploy.yaml before cm.yaml)
    assert.deepEqual(notes.map((f) => ({ severity: f.severity, message: f.message, file: f.file, range: f.range })), [
      { severity: 'info', message: 'rendered without cluster state: chart web calls lookup, which returns an empty map under helm template', file: 'chart/templates/deploy.yaml', range: r(0, 10, 0, 16) },
    ]);
  });
});
