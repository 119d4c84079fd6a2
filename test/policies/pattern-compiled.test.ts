import * as assert from 'node:assert/strict';
import { validateCompiledPattern, validatePattern, valueMatcher, valueMatches } from '../../policies/kyverno/pattern';

const POD = {
  metadata: { name: 'p', labels: { app: 'web', 'team.io/owner': 'a' } },
  spec: {
    hostNetwork: false,
    volumes: [{ name: 'sock', hostPath: { path: '/var/run/docker.sock' } }, { name: 'tmp', emptyDir: {} }],
    securityContext: { supplementalGroups: [1000, 0] },
    containers: [
      { name: 'app', image: 'nginx:latest', securityContext: { privileged: true, capabilities: { drop: ['ALL'] } }, resources: { limits: { memory: '256Mi' } } },
      { name: 'sidecar', image: 'registry.example.com/envoy:1.2', ports: [{ containerPort: 8080 }] },
    ],
  },
};

/** Patterns with every anchor, wildcard keys, lists, value operators and ranges (each is its own object). */
const PATTERNS: Array<() => unknown> = [
  () => ({ spec: { containers: [{ image: '!*:latest' }] } }),
  () => ({ spec: { containers: [{ '(name)': 'app', securityContext: { '=(privileged)': false } }] } }),
  () => ({ spec: { containers: [{ '=(securityContext)': { '=(privileged)': 'false' } }] } }),
  () => ({ spec: { '=(volumes)': [{ '=(hostPath)': { path: '!/var/run/docker.sock' } }] } }),
  () => ({ spec: { 'X(hostPID)': 'null', hostNetwork: false } }),
  () => ({ spec: { 'X(hostNetwork)': 'null' } }),
  () => ({ spec: { '^(containers)': [{ name: 'sidecar' }] } }),
  () => ({ spec: { '^(containers)': [{ name: 'nothing' }] } }),
  () => ({ spec: { '<(hostNetwork)': true, containers: [{ image: 'x' }] } }),
  () => ({ spec: { containers: [{ '<(name)': 'sidecar', image: 'registry.example.com/*' }] } }),
  () => ({ spec: { securityContext: { supplementalGroups: '>0' } } }),
  () => ({ spec: { securityContext: { supplementalGroups: '0-65535' } } }),
  () => ({ spec: { containers: [{ resources: { limits: { memory: '<=512Mi & >100Mi' } } }] } }),
  () => ({ spec: { containers: [{ name: 'app | other' }, { name: 'sidecar' }] } }),
  () => ({ spec: { containers: [{ name: '*' }, { name: '*' }, { name: '*' }] } }),
  () => ({ spec: { containers: [{ '(ports)': [{ containerPort: '!8000-9000' }] }] } }),
  () => ({ metadata: { labels: { 'team.io/*': '?*', app: 'web' } } }),
  () => ({ metadata: { labels: { 'x.io/*': '?*' } } }),
  () => ({ metadata: { annotations: '*' } }),
  () => ({ metadata: { '+(labels)': { a: 'b' }, name: 'p' } }),
  () => ({ spec: { containers: { name: 'app' } } }),
  () => ({ spec: [{ a: 1 }] }),
  () => ({ spec: { hostNetwork: null } }),
  () => ({ spec: { containers: [] } }),
];

describe('policies: Kyverno patterns read once per pattern object', () => {
  it('gives validatePattern\'s verdict, path and reason for every pattern, from any base path, twice', () => {
    for (const [i, make] of PATTERNS.entries()) {
      const pattern = make();
      for (const base of [[], ['spec', 'template']]) {
        const want = validatePattern(POD, pattern, base);
        assert.deepEqual(validateCompiledPattern(POD, pattern, base), want, `pattern ${i} at ${base.join('.')}`);
        // the second time from the compiled form (the path stack is not left dirty by the first)
        assert.deepEqual(validateCompiledPattern(POD, pattern, base), want, `pattern ${i} again`);
      }
    }
  });

  it('names the failing field', () => {
    assert.deepEqual(validateCompiledPattern(POD, PATTERNS[0]()), { fail: ['spec', 'containers', 0, 'image'], reason: 'value at /spec/containers/0/image/ does not match !*:latest' });
    assert.deepEqual(validateCompiledPattern(POD, PATTERNS[3](), ['x']), { fail: ['x', 'spec', 'volumes', 0, 'hostPath', 'path'], reason: 'value at /x/spec/volumes/0/hostPath/path/ does not match !/var/run/docker.sock' });
    assert.deepEqual(validateCompiledPattern(POD, PATTERNS[7]()), { fail: ['spec', 'containers'], reason: 'no element of /spec/containers/ matches' });
    assert.deepEqual(validateCompiledPattern(POD, PATTERNS[8]()), { skip: 'global', path: ['spec', 'hostNetwork'] });
    assert.deepEqual(validateCompiledPattern(POD, PATTERNS[1]()), { fail: ['spec', 'containers', 0, 'securityContext', 'privileged'], reason: 'value at /spec/containers/0/securityContext/privileged/ does not match false' });
  });

  it('matches values as valueMatches does', () => {
    const patterns = ['?*', '*', '', '!', '!*', 'a|b', '>1 & <5', '!1-3', '1-3', '>=1Gi', '<10s', '!nginx*', '8080', '1.0', 'true', null, true, 3, 0];
    const values = [undefined, null, '', 'a', 'b', 2, 5, '2', '1Gi', '512Mi', '5s', '1m', 'nginx:1', 8080, '8080', 1, true, 'true', { a: 1 }, [1]];
    for (const p of patterns) {
      const m = valueMatcher(p);
      for (const v of values) assert.equal(m(v), valueMatches(v, p), `${JSON.stringify(v)} against ${JSON.stringify(p)}`);
    }
  });
});
