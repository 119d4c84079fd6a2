import { flagRule, durationSeconds } from '../_lib/control-plane';

export default flagRule({
  id: 'apiserver-request-timeout',
  title: 'API server request timeout is invalid',
  component: 'kube-apiserver',
  goals: ['availability'],
  severity: 'warning',
  profiles: [],
  summary: 'kube-apiserver --request-timeout must be a positive Go duration; zero, negative or unit-less values leave requests unbounded or stop the server from starting.',
  recipe: 'Leave `--request-timeout` at its 60s default, or set a positive duration such as `300s` when long requests need it.',
  peers: {
    checkov: ['CKV_K8S_95'],
    kubescape: ['C-0134'],
  },
  messages: {
    wrong: '{{kind}} {{name}}: kube-apiserver in container "{{container}}" sets --request-timeout={{value}}, which is not a positive duration; requests are not bounded as intended.',
  },
  check: (cl) => {
    const f = cl.flags.get('request-timeout');
    if (!f) return undefined;
    const s = durationSeconds(f.value);
    return s !== undefined && s > 0 ? undefined : { messageId: 'wrong', at: f, data: { value: String(f.value) } };
  },
});
