/**
 * Two PodSecurityPolicies as a cluster with a default and an exception has them: `restricted` (lines 0-17) closes
 * every host and privilege door, `node-agents` (from line 19) opens them all and allows NET_ADMIN. Each psp-* rule's
 * test asserts its own finding on `node-agents`: info "the exception", because `restricted` is stricter there.
 */
export const PSP_RESTRICTED_AND_NODE_AGENTS = `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata:
  name: restricted
spec:
  privileged: false
  hostPID: false
  hostIPC: false
  hostNetwork: false
  allowPrivilegeEscalation: false
  requiredDropCapabilities: [ALL]
  runAsUser:
    rule: MustRunAsNonRoot
  seLinux: {rule: RunAsAny}
  supplementalGroups: {rule: RunAsAny}
  fsGroup: {rule: RunAsAny}
  volumes: [configMap, secret, emptyDir]
---
apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata:
  name: node-agents
spec:
  privileged: true
  hostPID: true
  hostIPC: true
  hostNetwork: true
  allowPrivilegeEscalation: true
  allowedCapabilities: [NET_ADMIN]
  runAsUser:
    rule: RunAsAny
  seLinux: {rule: RunAsAny}
  supplementalGroups: {rule: RunAsAny}
  fsGroup: {rule: RunAsAny}
  volumes: ['*']
`;
