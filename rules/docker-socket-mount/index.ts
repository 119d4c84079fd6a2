import { defineRule } from '../../engine';
import { containersMounting, hostPathVolumes, mountedByText, normalizeHostPath } from '../_lib/volumes';

/** Where container runtimes put their API sockets (documented in README.md). */
const SOCKETS = [
  '/var/run/docker.sock',
  '/run/docker.sock',
  '/var/run/dockershim.sock',
  '/var/run/cri-dockerd.sock',
  '/run/cri-dockerd.sock',
  '/var/run/containerd/containerd.sock',
  '/run/containerd/containerd.sock',
  '/run/k3s/containerd/containerd.sock',
  '/var/snap/microk8s/common/run/containerd.sock',
  '/var/run/crio/crio.sock',
  '/run/crio/crio.sock',
  '/var/run/podman/podman.sock',
  '/run/podman/podman.sock',
];
/** Socket file names recognised in any directory. */
const SOCKET_NAMES = new Set(['docker.sock', 'dockershim.sock', 'cri-dockerd.sock', 'containerd.sock', 'containerd.sock.ttrpc', 'crio.sock', 'podman.sock']);

/** The runtime socket reachable through a host path: the socket itself, or one inside the mounted directory. */
export function runtimeSocketIn(hostPath: string): string | undefined {
  const p = normalizeHostPath(hostPath);
  const base = p.slice(p.lastIndexOf('/') + 1);
  if (SOCKET_NAMES.has(base)) return p;
  const prefix = p === '/' ? '/' : `${p}/`;
  return SOCKETS.find((s) => s.startsWith(prefix));
}

export default defineRule({
  meta: {
    id: 'docker-socket-mount',
    title: 'Pod mounts the container runtime socket',
    category: 'cluster',
    goals: ['possession', 'integrity', 'confidentiality'],
    severity: 'error',
    appliesTo: ['podSpec'],
    profiles: ['recommended'],
    layer: 'system',
    principle: 'least privilege',
    docs: {
      summary: 'Whoever can talk to the container runtime socket (Docker, containerd, CRI-O, Podman) can start a privileged container with the node\'s root filesystem mounted: it is root on the node.',
      recipe: 'Remove the hostPath volume and its volumeMounts; build images with a daemonless builder (BuildKit rootless, Kaniko, Buildah) and read container metadata from the Kubernetes API instead of the runtime.',
    },
    peers: {
      'kube-linter': ['docker-sock'],
      kubesec: ['DockerSock'],
      checkov: ['CKV_K8S_27'],
      kubescape: ['C-0074'],
      trivy: ['KSV-0006'],
      datree: ['CONTAINERS_INCORRECT_PATH_VALUE_DOCKERSOCKET'],
    },
    messages: {
      socket: '{{kind}} {{name}}: volume "{{volume}}" mounts the container runtime socket {{socket}} from the node{{mountedBy}}; that is root on the node.',
      directory: '{{kind}} {{name}}: volume "{{volume}}" mounts host directory "{{hostPath}}", which contains the container runtime socket path {{socket}}{{mountedBy}}; that is root on the node.',
    },
  },
  check(ctx) {
    const pod = ctx.podSpec();
    if (!pod) return;
    for (const v of hostPathVolumes(pod)) {
      if (v.hostPath === undefined) continue;
      const socket = runtimeSocketIn(v.hostPath);
      if (!socket) continue;
      const direct = socket === normalizeHostPath(v.hostPath);
      ctx.report({
        messageId: direct ? 'socket' : 'directory',
        data: {
          volume: v.name,
          hostPath: v.hostPath,
          socket: direct ? `"${v.hostPath}"` : socket,
          mountedBy: mountedByText(containersMounting(ctx.containers(), v.name)),
        },
        path: [...v.path, 'hostPath', 'path'],
      });
    }
  },
});
