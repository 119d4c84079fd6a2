import { flagRule, durationSeconds } from '../_lib/control-plane';

export default flagRule({
  id: 'kubelet-streaming-idle-timeout',
  title: 'Kubelet streaming connections never time out',
  component: 'kubelet',
  goals: ['availability'],
  severity: 'warning',
  profiles: [],
  summary: 'kubelet --streaming-connection-idle-timeout=0 keeps idle exec, attach and port-forward connections open forever, wasting node resources and leaving forgotten sessions usable.',
  recipe: 'Leave the default (4h) or set a positive duration such as `5m`.',
  peers: {
    checkov: ['CKV_K8S_143'],
  },
  messages: {
    wrong: '{{kind}} {{name}}: kubelet in container "{{container}}" sets --streaming-connection-idle-timeout={{value}}; idle exec, attach and port-forward sessions are never closed.',
  },
  check: (cl) => {
    const f = cl.flags.get('streaming-connection-idle-timeout');
    if (!f) return undefined;
    const s = durationSeconds(f.value);
    return s !== undefined && s > 0 ? undefined : { messageId: 'wrong', at: f, data: { value: String(f.value) } };
  },
});
