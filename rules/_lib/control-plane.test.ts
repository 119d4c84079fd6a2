import * as assert from 'node:assert/strict';
import { RuleContext, type K8sObject } from '../../engine';
import { ruleTester } from '../../test/rule-tester';
import anonymousAuth from '../apiserver-anonymous-auth';
import { admissionPlugin, boolOf, commandLine, durationSeconds, featureGates, parseFlags, type CommandLine } from './control-plane';

function pod(container: Record<string, unknown>): K8sObject {
  const value = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', ...container }] } };
  return { apiVersion: 'v1', kind: 'Pod', name: 'p', value, metadata: value.metadata, path: [] };
}

function cl(container: Record<string, unknown>): CommandLine | undefined {
  const ctx = new RuleContext(pod(container), {});
  return commandLine(ctx.containers()[0]);
}

const tokens = (...xs: string[]) => xs.map((text, i) => ({ text, path: ['command', i] }));

describe('control-plane command lines', () => {
  it('reads --name=value, --name value and bare --name; the last occurrence wins', () => {
    const f = parseFlags(tokens('--a=1', '--b', '2', '--c', '--d=x=y', '--a=3', '-v=2'));
    assert.deepEqual([...f.keys()].sort(), ['a', 'b', 'c', 'd']);
    assert.equal(f.get('a')?.value, '3');
    assert.deepEqual(f.get('a')?.path, ['command', 5]);
    assert.equal(f.get('b')?.value, '2');
    assert.deepEqual(f.get('b')?.valuePath, ['command', 2]);
    assert.equal(f.get('b')?.inline, false);
    assert.equal(f.get('c')?.value, true);
    assert.equal(f.get('d')?.value, 'x=y');
  });

  it('a value after a flag may start with a single dash', () => {
    assert.equal(parseFlags(tokens('--event-qps', '-1')).get('event-qps')?.value, '-1');
  });

  it('names the component from command[0] (a path is fine) and reads command + args', () => {
    const c = cl({ image: 'x', command: ['/usr/local/bin/kube-apiserver', '--profiling=false'], args: ['--anonymous-auth=false'] });
    assert.equal(c?.component, 'kube-apiserver');
    assert.deepEqual(c?.anchor, ['spec', 'containers', 0, 'command']);
    assert.deepEqual(c?.flags.get('anonymous-auth')?.path, ['spec', 'containers', 0, 'args', 0]);
  });

  it('without command, args[0] names the component only on that component\'s image', () => {
    assert.equal(cl({ image: 'registry.k8s.io/kube-scheduler:v1.31.2', args: ['kube-scheduler', '--profiling=false'] })?.component, 'kube-scheduler');
    assert.equal(cl({ image: 'registry.k8s.io/etcd:3.5.15-0@sha256:abc', args: ['etcd'] })?.component, 'etcd');
    assert.equal(cl({ image: 'busybox', args: ['kube-scheduler'] }), undefined);
    assert.equal(cl({ image: 'example/kubelet:1', args: ['kubelet'] }), undefined);
  });

  it('reads the old hyperkube binary, whose first argument names the component', () => {
    const c = cl({ image: 'x', command: ['/hyperkube', 'apiserver', '--anonymous-auth=false'] });
    assert.equal(c?.component, 'kube-apiserver');
    assert.deepEqual(c?.flags.get('anonymous-auth')?.path, ['spec', 'containers', 0, 'command', 2]);
    assert.equal(cl({ image: 'x', command: ['hyperkube'], args: ['kubelet', '--read-only-port=0'] })?.flags.get('read-only-port')?.value, '0');
    assert.equal(cl({ image: 'x', command: ['hyperkube', 'proxy'] }), undefined);
  });

  it('etcd reads ETCD_* environment variables for flags the command line does not set', () => {
    const c = cl({ image: 'x', command: ['etcd', '--name=a'], env: [{ name: 'ETCD_NAME', value: 'b' }, { name: 'ETCD_CLIENT_CERT_AUTH', value: 'true' }, { name: 'ETCDCTL_API', value: '3' }] });
    assert.equal(c?.flags.get('name')?.value, 'a');
    assert.equal(c?.flags.get('client-cert-auth')?.value, 'true');
    assert.deepEqual(c?.flags.get('client-cert-auth')?.valuePath, ['spec', 'containers', 0, 'env', 1, 'value']);
    assert.equal(c?.flags.has('api'), false);
  });

  it('does not read shell scripts or other programs', () => {
    assert.equal(cl({ image: 'x', command: ['sh', '-c', 'kube-apiserver --anonymous-auth=true'] }), undefined);
    assert.equal(cl({ image: 'x', command: ['kube-apiserver-proxy', '--anonymous-auth=true'] }), undefined);
    assert.equal(cl({ image: 'x', command: 'kube-apiserver' }), undefined);
  });

  it('parses booleans, durations and feature gates like the Go flag parsers', () => {
    assert.equal(boolOf('False'), false);
    assert.equal(boolOf('1'), true);
    assert.equal(boolOf('yes'), undefined);
    assert.equal(durationSeconds('1m30s'), 90);
    assert.equal(durationSeconds('0'), 0);
    assert.equal(durationSeconds('300'), undefined);
    assert.deepEqual([...featureGates('A=true, B=false').entries()], [['A', 'true'], ['B', 'false']]);
  });

  it('works out which admission plugins run', () => {
    const c = (...flags: string[]) => cl({ image: 'x', command: ['kube-apiserver', ...flags] }) as CommandLine;
    assert.equal(admissionPlugin(c(), 'ServiceAccount').enabled, true);
    assert.equal(admissionPlugin(c(), 'NodeRestriction').enabled, false);
    assert.equal(admissionPlugin(c('--enable-admission-plugins=NodeRestriction'), 'NodeRestriction').enabled, true);
    assert.equal(admissionPlugin(c('--enable-admission-plugins=NodeRestriction', '--disable-admission-plugins=NodeRestriction'), 'NodeRestriction').enabled, false);
    assert.equal(admissionPlugin(c('--admission-control=NodeRestriction'), 'ServiceAccount').enabled, false);
  });
});

ruleTester(anonymousAuth, {
  valid: [
    { name: 'a shell wrapper is not read', code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: a
    image: registry.k8s.io/kube-apiserver:v1.31.2
    command: ["sh", "-c", "kube-apiserver --anonymous-auth=true"]
` },
    { name: 'args form on the component image, flag right', code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: a
    image: registry.k8s.io/kube-apiserver:v1.31.2
    args: [kube-apiserver, --anonymous-auth=false]
` },
  ],
  invalid: [
    {
      name: 'args form on the component image: missing flag is shown on args',
      code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: a
    image: registry.k8s.io/kube-apiserver:v1.31.2
    args:
    - kube-apiserver
    - --secure-port=6443
`,
      errors: [{ messageId: 'missing', range: [7, 4, 7, 8] }],
      output: null,
    },
    {
      name: 'a Deployment template, flag in args after command',
      code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers:
      - name: api
        image: example/apiserver:1
        command: [/usr/local/bin/kube-apiserver]
        args:
        - --anonymous-auth=true
`,
      errors: [{ messageId: 'wrong', range: [13, 10, 13, 31] }],
      output: `apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers:
      - name: api
        image: example/apiserver:1
        command: [/usr/local/bin/kube-apiserver]
        args:
        - --anonymous-auth=false
`,
    },
    {
      name: 'flow-style command: the missing flag is shown on the command entry',
      code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: a
    image: registry.k8s.io/kube-apiserver:v1.31.2
    command: [kube-apiserver, --secure-port=6443]
`,
      errors: [{ messageId: 'missing', range: [7, 4, 7, 49] }],
      output: null,
    },
  ],
});
