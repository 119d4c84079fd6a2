import { flagRule, admissionPlugin } from '../_lib/control-plane';

export default flagRule({
  id: 'apiserver-pod-security-admission',
  title: 'API server runs no pod security admission',
  component: 'kube-apiserver',
  goals: ['integrity'],
  severity: 'warning',
  profiles: [],
  summary: 'When the PodSecurity admission plugin is disabled and neither SecurityContextDeny nor PodSecurityPolicy replaces it, the API server admits privileged, host-namespace and root pods in every namespace.',
  recipe: 'Keep `PodSecurity` enabled (it is on by default since 1.23) and label namespaces with the Pod Security Standards level they enforce.',
  peers: {
    checkov: ['CKV_K8S_81'],
    kubescape: ['C-0124'],
    trivy: ['KCV-0013'],
  },
  messages: {
    off: '{{kind}} {{name}}: kube-apiserver in container "{{container}}" runs neither PodSecurity nor SecurityContextDeny nor PodSecurityPolicy admission, so nothing limits privileged pods at admission.',
  },
  check: (cl) => {
    const psa = admissionPlugin(cl, 'PodSecurity');
    if (psa.enabled || admissionPlugin(cl, 'SecurityContextDeny').enabled || admissionPlugin(cl, 'PodSecurityPolicy').enabled) return undefined;
    return psa.flag ? { messageId: 'off', at: psa.flag } : { messageId: 'off' };
  },
});
