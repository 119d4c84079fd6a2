import { flagRule, admission } from '../_lib/control-plane';

export default flagRule({
  id: 'apiserver-deny-service-external-ips',
  title: 'API server allows Service externalIPs',
  component: 'kube-apiserver',
  goals: ['integrity', 'confidentiality'],
  severity: 'warning',
  profiles: [],
  summary: 'Without the DenyServiceExternalIPs admission plugin any user who may create a Service can claim arbitrary externalIPs and intercept cluster traffic to them (CVE-2020-8554).',
  recipe: 'Add `DenyServiceExternalIPs` to `--enable-admission-plugins` unless you need `spec.externalIPs` (then restrict it with a policy).',
  peers: {
    kubescape: ['C-0283'],
  },
  messages: {
    notEnabled: '{{kind}} {{name}}: kube-apiserver in container "{{container}}" does not enable the DenyServiceExternalIPs admission plugin; any user who can create Services can set externalIPs and intercept traffic to those addresses (CVE-2020-8554).',
    disabled: '{{kind}} {{name}}: kube-apiserver in container "{{container}}" turns the DenyServiceExternalIPs admission plugin off in --disable-admission-plugins; any user who can create Services can set externalIPs and intercept traffic to those addresses (CVE-2020-8554).',
  },
  check: admission('DenyServiceExternalIPs', true),
});
