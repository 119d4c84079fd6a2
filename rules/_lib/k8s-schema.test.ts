import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { RuleContext, type K8sObject } from '../../engine';
import { BUILTIN_GVKS, SCHEMA_KINDS, nearest, schemaProblems } from './k8s-schema';

const root = resolve(__dirname, '../../..');

function obj(value: Record<string, unknown>): K8sObject {
  const md = (value.metadata ?? {}) as Record<string, unknown>;
  return { apiVersion: String(value.apiVersion), kind: String(value.kind), name: String(md.name ?? ''), value, metadata: md, path: [] };
}

describe('k8s schema', () => {
  it('the committed schema is what scripts/gen-k8s-schema.mjs generates (drift check)', function () {
    // the generator's input (kubernetes-models) is in tools/schema-gen, outside the default install; the test
    // never installs it (no network in tests): `npm run schema:gen` or .ci/run does
    if (!existsSync(join(root, 'tools/schema-gen/node_modules/kubernetes-models/package.json'))) this.skip();
    this.timeout(60000);
    const dir = mkdtempSync(join(tmpdir(), 'kubehex-schema-'));
    try {
      execFileSync(process.execPath, [join(root, 'scripts/gen-k8s-schema.mjs'), dir], { stdio: 'pipe' });
      for (const f of ['k8s.schema.json', 'k8s-kinds.json']) {
        const want = readFileSync(join(dir, f), 'utf8');
        const have = readFileSync(join(root, 'rules/_lib/schema', f), 'utf8');
        assert.ok(want === have, `rules/_lib/schema/${f} is stale: run npm run schema:gen`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('indexes the built-in kinds of Kubernetes 1.36, old API versions included, CRDs not validated by default', () => {
    for (const g of ['v1/Pod', 'apps/v1/Deployment', 'batch/v1/CronJob', 'extensions/v1beta1/Deployment', 'policy/v1beta1/PodSecurityPolicy', 'networking.k8s.io/v1/Ingress']) assert.ok(BUILTIN_GVKS.has(g), g);
    assert.ok(SCHEMA_KINDS.includes('Deployment') && SCHEMA_KINDS.includes('ClusterRole'));
    assert.ok(!SCHEMA_KINDS.includes('CustomResourceDefinition'));
  });

  it('suggests the nearest field only when it is close and unambiguous', () => {
    const names = ['runAsNonRoot', 'runAsUser', 'runAsGroup', 'privileged', 'securityContext'];
    assert.equal(nearest('runAsNonroot', names), 'runAsNonRoot');
    assert.equal(nearest('securityContex', names), 'securityContext');
    assert.equal(nearest('priviledged', names), 'privileged');
    assert.equal(nearest('colour', names), undefined);
    assert.equal(nearest('hostPIC', ['hostPID', 'hostIPC']), undefined); // tie: no guess
  });

  it('validates a custom resource against its CustomResourceDefinition among the scanned objects', () => {
    const crd = obj({
      apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.com' },
      spec: {
        group: 'example.com', names: { kind: 'Widget', plural: 'widgets' }, scope: 'Namespaced',
        versions: [{
          name: 'v1', served: true, storage: true,
          schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', required: ['size'], properties: {
            size: { 'x-kubernetes-int-or-string': true },
            replicas: { type: 'integer' },
            mode: { type: 'string', enum: ['a', 'b'] },
            owner: { type: 'string', nullable: true },
            extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
            labels: { type: 'object', additionalProperties: { type: 'string' } },
          } } } } },
        }],
      },
    });
    const check = (spec: Record<string, unknown>, version = 'v1') => {
      const cr = obj({ apiVersion: `example.com/${version}`, kind: 'Widget', metadata: { name: 'w' }, spec });
      return schemaProblems(new RuleContext(cr, {}, [crd, cr])).map((p) => `${p.type}:${p.path.join('.')}`);
    };
    assert.deepEqual(check({ size: '10%', replicas: 2, mode: 'a', owner: null, extra: { anything: { goes: 1 } }, labels: { a: 'b' } }), []);
    assert.deepEqual(check({ size: 3, replicas: '2', mode: 'c', sizee: 1, labels: { a: 1 } }).sort(),
      ['enum:spec.mode', 'type:spec.labels.a', 'type:spec.replicas', 'unknown:spec.sizee']);
    assert.deepEqual(check({ replicas: 1 }), ['required:spec.size']);
    assert.deepEqual(check({ anything: 1 }, 'v2'), [], 'a version without a schema is skipped');
    const other = obj({ apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: 'g' }, spec: { x: 1 } });
    assert.deepEqual(schemaProblems(new RuleContext(other, {}, [crd, other])), [], 'kinds without a schema are skipped');
  });
});
