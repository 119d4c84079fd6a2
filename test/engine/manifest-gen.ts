import { rng } from '../random';

type R = ReturnType<typeof rng>;

/**
 * Small random Pod / Deployment manifests with the YAML that makes fixes hard: anchors on scalars and maps,
 * aliases to them from other fields and containers, merge keys (`<<`), flow and block styles, trailing and
 * full-line comments, CRLF. Every manifest is valid YAML and has findings with fixes.
 */
export function generateManifest(seed: number): string {
  const r = rng(seed);
  const anchors = { scalar: [] as string[], sc: [] as string[], ctr: [] as string[] };
  let n = 0;
  const name = (k: string) => `${k}${++n}`;
  const comment = () => (r.chance(0.25) ? `   # ${r.pick(['keep', 'why: legacy', 'owner: team-a'])}` : '');
  const bool = (v: boolean) => {
    // a scalar that may be anchored, or an alias to an earlier anchored scalar
    if (anchors.scalar.length && r.chance(0.3)) return `*${r.pick(anchors.scalar)}`;
    const text = r.pick(v ? ['true', 'yes', 'on'] : ['false', 'no']);
    if (r.chance(0.3)) {
      const a = name('s');
      anchors.scalar.push(a);
      return `&${a} ${text}`;
    }
    return text;
  };

  const scFields = () => {
    const fields: string[] = [];
    if (r.chance(0.6)) fields.push(`privileged: ${bool(r.chance(0.7))}`);
    if (r.chance(0.5)) fields.push(`allowPrivilegeEscalation: ${bool(r.chance(0.6))}`);
    if (r.chance(0.5)) fields.push(`readOnlyRootFilesystem: ${bool(r.chance(0.4))}`);
    if (r.chance(0.4)) fields.push(`runAsNonRoot: ${bool(r.chance(0.5))}`);
    return fields;
  };

  /** A securityContext value at `indent`: block or flow map, anchored, or an alias to an earlier one. */
  const securityContext = (indent: string, key = 'securityContext'): string => {
    if (anchors.sc.length && r.chance(0.3)) return `${indent}${key}: *${r.pick(anchors.sc)}${comment()}\n`;
    const fields = scFields();
    const caps = r.chance(0.3) ? (r.chance(0.5) ? 'capabilities: {add: [NET_RAW]}' : null) : null;
    const anchor = r.chance(0.35) ? name('sc') : undefined;
    const head = `${indent}${key}:${anchor ? ` &${anchor}` : ''}`;
    let out: string;
    if (!fields.length && !caps) out = `${head} {}\n`;
    else if (r.chance(0.3)) out = `${head} {${[...fields, ...(caps ? [caps] : [])].join(', ')}}${comment()}\n`;
    else {
      out = `${head}${comment()}\n`;
      const merge = anchors.sc.length && r.chance(0.2) ? [`<<: *${r.pick(anchors.sc)}`] : [];
      for (const f of [...merge, ...fields]) out += `${indent}  ${f}${comment()}\n`;
      if (r.chance(0.15)) out += `${indent}  # a full-line comment\n`;
      if (caps) out += r.chance(0.5) ? `${indent}  capabilities:\n${indent}    add:\n${indent}    - NET_RAW\n` : `${indent}  ${caps}\n`;
    }
    if (anchor) anchors.sc.push(anchor);
    return out;
  };

  /** A container list item at `indent` (the dash's column). */
  const container = (indent: string, i: number): string => {
    if (anchors.ctr.length && r.chance(0.25)) return `${indent}- <<: *${r.pick(anchors.ctr)}\n${indent}  name: c${i}\n${r.chance(0.5) ? securityContext(indent + '  ') : ''}`;
    const anchor = r.chance(0.3) ? name('c') : undefined;
    let out = anchor ? `${indent}- &${anchor}\n${indent}  name: c${i}\n` : `${indent}- name: c${i}\n`;
    out += `${indent}  image: ${r.pick(['nginx:1.27', 'nginx', 'busybox:latest'])}${comment()}\n`;
    if (r.chance(0.3)) out += `${indent}  imagePullPolicy: ${r.pick(['IfNotPresent', 'Never'])}\n`;
    if (r.chance(0.75)) out += securityContext(indent + '  ');
    if (anchor) anchors.ctr.push(anchor);
    return out;
  };

  const podSpec = (indent: string): string => {
    let out = '';
    if (r.chance(0.3)) out += `${indent}hostNetwork: ${bool(true)}\n`;
    if (r.chance(0.2)) out += `${indent}hostPID: ${bool(true)}\n`;
    if (r.chance(0.25)) out += `${indent}serviceAccount: builder${comment()}\n`;
    if (r.chance(0.4)) out += securityContext(indent);
    out += `${indent}containers:\n`;
    const count = 1 + r.int(3);
    const dash = r.chance(0.5) ? indent : indent + '  ';
    for (let i = 0; i < count; i++) out += container(dash, i);
    if (r.chance(0.3)) out += `${indent}automountServiceAccountToken: ${bool(true)}\n`;
    return out;
  };

  const pod = r.chance(0.5);
  const text = pod
    ? `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${seed}${comment()}\nspec:\n${podSpec('  ')}`
    : `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d${seed}\nspec:\n  selector:\n    matchLabels: {app: d}\n  template:\n    metadata:\n      labels: {app: d}\n    spec:\n${podSpec('      ')}`;
  return r.chance(0.25) ? text.replace(/\n/g, '\r\n') : text;
}
