import { defineRule, isRecord, type FixOp } from '../../engine';
import { isWindowsPod } from '../_lib/container';

const names = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const isNetRaw = (c: string) => c === 'NET_RAW' || c === 'CAP_NET_RAW';

export default defineRule({
  meta: {
    id: 'net-raw-capability',
    title: 'Container keeps the NET_RAW capability',
    category: 'container',
    goals: ['integrity', 'authenticity'],
    severity: 'warning',
    appliesTo: ['podSpec'],
    profiles: [],
    layer: 'system',
    principle: 'least privilege',
    docs: {
      summary: 'NET_RAW, granted by most runtimes by default, lets a process craft raw packets: spoof addresses, sniff or poison neighbours on the pod network.',
      recipe: 'Add `NET_RAW` to `securityContext.capabilities.drop` (or drop `ALL`) and never add it back; `ping` works without it on current kernels through the ping_group_range sysctl.',
    },
    peers: {
      'kube-linter': ['drop-net-raw-capability'],
      checkov: ['CKV_K8S_28'],
      trivy: ['KSV-0119'],
      datree: ['CIS_MISSING_VALUE_DROP_NET_RAW'],
    },
    peerMessages: {
      trivy: { 'KSV-0119': ['added'] },
    },
    messages: {
      notDropped: '{{kind}} {{name}}: container "{{container}}" does not drop NET_RAW, so it can craft raw packets.',
      added: '{{kind}} {{name}}: container "{{container}}" adds NET_RAW, so it can craft raw packets.',
    },
  },
  check(ctx) {
    const pod = ctx.podSpec();
    if (!pod || isWindowsPod(pod)) return;
    for (const c of ctx.containers()) {
      const caps = isRecord(c.securityContext.capabilities) ? c.securityContext.capabilities : {};
      const capsPath = [...c.path, 'securityContext', 'capabilities'];
      const add = Array.isArray(caps.add) ? caps.add : [];
      const dropped = names(caps.drop).some((d) => d === 'ALL' || isNetRaw(d));
      const addIdx = add.map((a, i) => (typeof a === 'string' && isNetRaw(a) ? i : -1)).filter((i) => i >= 0);
      const appendDrop: FixOp[] = dropped ? [] : [{ op: 'append', path: [...capsPath, 'drop'], value: 'NET_RAW' }];
      if (addIdx.length) {
        const removes: FixOp[] = [...addIdx].reverse().map((i) => ({ op: 'remove', path: [...capsPath, 'add', i] }));
        ctx.report({
          messageId: 'added', data: { container: c.name }, path: [...capsPath, 'add', addIdx[0]],
          fix: { title: 'Remove NET_RAW from capabilities.add and drop it', safety: 'review', ops: [...removes, ...appendDrop] },
        });
      } else if (!dropped) {
        ctx.report({
          messageId: 'notDropped', data: { container: c.name }, path: [...capsPath, 'drop'],
          fix: { title: 'Drop NET_RAW', safety: 'review', ops: appendDrop },
        });
      }
    }
  },
});
