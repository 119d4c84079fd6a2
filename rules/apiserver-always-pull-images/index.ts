import { flagRule, admission } from '../_lib/control-plane';

export default flagRule({
  id: 'apiserver-always-pull-images',
  title: 'API server does not enable AlwaysPullImages',
  component: 'kube-apiserver',
  goals: ['confidentiality', 'possession'],
  severity: 'warning',
  profiles: [],
  summary: 'Without the AlwaysPullImages admission plugin a pod can start from a private image that another tenant pulled onto the node, without holding the credentials for it.',
  recipe: 'Add `AlwaysPullImages` to `--enable-admission-plugins` on multi-tenant clusters.',
  peers: {
    checkov: ['CKV_K8S_80'],
    kubescape: ['C-0123'],
    trivy: ['KCV-0012'],
  },
  messages: {
    notEnabled: '{{kind}} {{name}}: kube-apiserver in container "{{container}}" does not enable the AlwaysPullImages admission plugin; a pod can run a private image already cached on its node without having the pull secret for it.',
    disabled: '{{kind}} {{name}}: kube-apiserver in container "{{container}}" turns the AlwaysPullImages admission plugin off in --disable-admission-plugins; a pod can run a private image already cached on its node without having the pull secret for it.',
  },
  check: admission('AlwaysPullImages', true),
});
