import { flagRule, intNot } from '../_lib/control-plane';

export default flagRule({
  id: 'kubelet-event-qps',
  title: 'Kubelet event rate is invalid',
  component: 'kubelet',
  goals: ['availability', 'authenticity'],
  severity: 'warning',
  profiles: [],
  summary: 'kubelet --event-qps must be 0 (unlimited) or a positive rate; anything else loses the events that record what happened on the node.',
  recipe: 'Leave the default, or set `--event-qps` to 0 or a rate high enough to capture all events.',
  peers: {
    checkov: ['CKV_K8S_147'],
  },
  messages: {
    wrong: '{{kind}} {{name}}: kubelet in container "{{container}}" sets --event-qps={{value}}, which is not a non-negative number; events may be lost or the kubelet may not start.',
  },
  check: intNot('event-qps', (n) => n < 0, undefined),
});
