/**
 * Kubernetes fields that matter for security, for hover on a key that carries no finding. This is
 * Kubernetes knowledge (what the field does), not rule logic: the related rules are named by id and
 * described from their own metadata when they are registered.
 */
export interface FieldDoc { what: string; risk: string; rules: string[] }

export const SECURITY_FIELDS: Readonly<Record<string, FieldDoc>> = {
  privileged: {
    what: 'Runs the container in privileged mode: every Linux capability, all host devices, no seccomp or AppArmor confinement.',
    risk: 'A process in a privileged container is effectively root on the node and can escape the container.',
    rules: ['privileged-container'],
  },
  allowPrivilegeEscalation: {
    what: 'Controls the `no_new_privs` flag: whether a process can gain more privileges than its parent (setuid binaries, file capabilities).',
    risk: 'When true (the default unless the container drops it), a compromised process can raise its privileges inside the container.',
    rules: ['privilege-escalation-allowed'],
  },
  runAsNonRoot: {
    what: 'Makes the kubelet refuse to start a container whose user is UID 0.',
    risk: 'Without it, an image that runs as root gives an attacker root inside the container and a shorter path to the node.',
    rules: ['run-as-root'],
  },
  runAsUser: {
    what: 'The UID the container process runs as, overriding the image\'s USER.',
    risk: 'UID 0 is root; a low UID may collide with a privileged host user when a volume or namespace is shared.',
    rules: ['run-as-root'],
  },
  runAsGroup: {
    what: 'The primary GID of the container process.',
    risk: 'GID 0 grants root-group access to files owned by group root.',
    rules: ['run-as-root'],
  },
  readOnlyRootFilesystem: {
    what: 'Mounts the container\'s root filesystem read-only; writable paths must be explicit volumes.',
    risk: 'A writable root filesystem lets an attacker drop tools, modify binaries or persist inside the container.',
    rules: ['writable-root-filesystem'],
  },
  capabilities: {
    what: 'Linux capabilities to add to or drop from the container\'s default set.',
    risk: 'Capabilities such as SYS_ADMIN or NET_RAW widen the kernel attack surface; keeping the default set grants more than most workloads need.',
    rules: ['capabilities-not-dropped', 'dangerous-capabilities'],
  },
  seccompProfile: {
    what: 'The seccomp filter that limits which system calls the container may make (`RuntimeDefault`, `Localhost` or `Unconfined`).',
    risk: 'Without a profile (or with `Unconfined`) every system call reaches the kernel, including rarely needed, exploitable ones.',
    rules: ['seccomp-profile-missing'],
  },
  hostNetwork: {
    what: 'Puts the pod in the node\'s network namespace: it sees and binds the node\'s interfaces.',
    risk: 'The pod can sniff node traffic, reach services bound to localhost on the node and bypass NetworkPolicies.',
    rules: ['host-network'],
  },
  hostPID: {
    what: 'Shares the node\'s process ID namespace with the pod.',
    risk: 'The pod can see every process on the node, read their environment and, with enough privilege, attach to them.',
    rules: ['host-pid'],
  },
  hostIPC: {
    what: 'Shares the node\'s IPC namespace (shared memory, semaphores) with the pod.',
    risk: 'The pod can read or tamper with shared memory of other processes on the node.',
    rules: ['host-ipc'],
  },
  hostPath: {
    what: 'Mounts a file or directory from the node\'s filesystem into the pod.',
    risk: 'Access to host paths can expose node credentials, the container runtime socket or let the pod write to the host.',
    rules: ['host-path-volume', 'sensitive-host-mount', 'docker-socket-mount'],
  },
  hostPort: {
    what: 'Binds a container port directly on the node\'s network interface.',
    risk: 'It exposes the container outside the cluster network\'s controls and ties the pod to specific nodes.',
    rules: ['host-port'],
  },
  automountServiceAccountToken: {
    what: 'Whether the service account token is mounted into the pod at /var/run/secrets/kubernetes.io/serviceaccount.',
    risk: 'A mounted token lets anyone who compromises the pod call the Kubernetes API with the service account\'s rights.',
    rules: ['service-account-token-automount'],
  },
  serviceAccountName: {
    what: 'The service account whose identity and API permissions the pod uses.',
    risk: 'The `default` service account is shared by every pod of the namespace, so permissions granted to it leak to all of them.',
    rules: ['default-service-account'],
  },
  procMount: {
    what: 'The /proc mount type: `Default` masks sensitive paths, `Unmasked` exposes them.',
    risk: 'An unmasked /proc exposes kernel interfaces that help an attacker escape the container.',
    rules: [],
  },
  securityContext: {
    what: 'Privilege and access-control settings for the pod or container (user, capabilities, seccomp, filesystem).',
    risk: 'Missing settings fall back to permissive runtime defaults: root user, privilege escalation allowed, writable filesystem.',
    rules: ['privileged-container', 'privilege-escalation-allowed', 'run-as-root', 'writable-root-filesystem', 'capabilities-not-dropped', 'seccomp-profile-missing'],
  },
};
