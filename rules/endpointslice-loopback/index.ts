import { defineRule, isRecord, type Path } from '../../engine';

function special(addr: string): string | undefined {
  const a = addr.trim().toLowerCase();
  const v4 = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(a);
  if (v4) {
    if (v4[1] === '127') return 'loopback';
    if (v4[1] === '169' && v4[2] === '254') return 'link-local';
    if (a === '0.0.0.0') return 'unspecified';
    return undefined;
  }
  if (a === '::1' || a === '0:0:0:0:0:0:0:1') return 'loopback';
  if (/^fe[89ab][0-9a-f]:/.test(a)) return 'link-local';
  if (a === '::') return 'unspecified';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  return mapped ? special(mapped[1]) : undefined;
}

export default defineRule({
  meta: {
    id: 'endpointslice-loopback',
    title: 'Endpoints point at a loopback or link-local address',
    category: 'cluster',
    goals: ['integrity', 'confidentiality'],
    severity: 'error',
    appliesTo: ['EndpointSlice', 'Endpoints'],
    profiles: ['recommended'],
    layer: 'orchestrator',
    docs: {
      summary: 'Traffic to a Service whose endpoints are loopback or link-local addresses lands on whatever listens on the node itself (the kubelet, a cloud metadata service): a way to reach host-only services through a Service (CVE-2021-25737).',
      recipe: 'Point the endpoints at pod or external addresses; never at 127.0.0.0/8, ::1, 169.254.0.0/16 or fe80::/10.',
    },
    peers: {
      datree: ['ENDPOINTSLICE_CVE2021_25373_INCORRECT_ADDRESSES_VALUE'],
    },
    messages: {
      address: '{{kind}} {{name}}: address {{address}} is {{what}}, so traffic goes to the node itself (CVE-2021-25737).',
    },
  },
  check(ctx) {
    const v = ctx.object.value;
    const found: Array<{ address: string; path: Path }> = [];
    if (ctx.object.kind === 'EndpointSlice' && Array.isArray(v.endpoints)) {
      v.endpoints.forEach((e, i) => {
        if (!isRecord(e) || !Array.isArray(e.addresses)) return;
        e.addresses.forEach((a, j) => { if (typeof a === 'string') found.push({ address: a, path: ['endpoints', i, 'addresses', j] }); });
      });
    }
    if (ctx.object.kind === 'Endpoints' && Array.isArray(v.subsets)) {
      v.subsets.forEach((s, i) => {
        if (!isRecord(s)) return;
        for (const key of ['addresses', 'notReadyAddresses']) {
          const list = s[key];
          if (!Array.isArray(list)) continue;
          list.forEach((a, j) => { if (isRecord(a) && typeof a.ip === 'string') found.push({ address: a.ip, path: ['subsets', i, key, j, 'ip'] }); });
        }
      });
    }
    for (const f of found) {
      const what = special(f.address);
      if (what) ctx.report({ messageId: 'address', data: { address: f.address, what: what === 'unspecified' ? 'the unspecified address' : `a ${what} address` }, path: f.path });
    }
  },
});
