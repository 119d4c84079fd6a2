import { defineRule, isRecord, type ContainerRef } from '../../engine';
import { capabilityList, isConfinedSeccompType, isWindowsPod, legacySeccompAnnotation, legacySeccompConfined, podAnnotations, seccompType } from '../_lib/container';

const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

const confinedLegacy = legacySeccompConfined;

function seccomp(c: ContainerRef): boolean {
  const s = c.effective('seccompProfile');
  if (s.from !== 'unset') return isConfinedSeccompType(seccompType(s.value));
  return confinedLegacy(legacySeccompAnnotation(c));
}

function apparmor(c: ContainerRef): boolean {
  const s = c.effective('appArmorProfile');
  if (s.from !== 'unset') return isConfinedSeccompType(seccompType(s.value));
  return confinedLegacy(podAnnotations(c.pod)[APPARMOR_ANNOTATION_PREFIX + c.name]);
}

function selinux(c: ContainerRef): boolean {
  const s = c.effective('seLinuxOptions');
  return isRecord(s.value) && ['user', 'role', 'type', 'level'].some((k) => typeof (s.value as Record<string, unknown>)[k] === 'string' && (s.value as Record<string, unknown>)[k] !== '');
}

function dropsCapabilities(c: ContainerRef): boolean {
  const drop = capabilityList(c, 'drop') ?? [];
  const add = capabilityList(c, 'add') ?? [];
  return drop.length > 0 && !add.some((a) => a.value.toUpperCase() === 'ALL');
}

export default defineRule({
  meta: {
    id: 'linux-hardening-missing',
    title: 'Container uses no Linux hardening at all',
    category: 'container',
    goals: ['integrity', 'confidentiality'],
    severity: 'info',
    appliesTo: ['podSpec'],
    profiles: [],
    layer: 'system',
    principle: 'least privilege',
    docs: {
      summary: 'A container confined by none of seccomp, AppArmor, SELinux or dropped capabilities meets a kernel or runtime exploit with every system call and capability the runtime allows.',
      recipe: 'Give the container at least one confinement: `seccompProfile.type: RuntimeDefault` is the cheapest; also drop capabilities (`drop: [ALL]`) and use an AppArmor or SELinux profile where the nodes support it.',
    },
    peers: {
      kubescape: ['C-0055'],
      polaris: ['linuxHardening'],
    },
    messages: {
      none: '{{kind}} {{name}}: container "{{container}}" has no seccomp or AppArmor profile, no SELinux options and drops no capabilities.',
    },
  },
  check(ctx) {
    const pod = ctx.podSpec();
    if (!pod || isWindowsPod(pod)) return;
    for (const c of ctx.containers()) {
      if (seccomp(c) || apparmor(c) || selinux(c) || dropsCapabilities(c)) continue;
      const path = [...c.path, 'securityContext', 'seccompProfile', 'type'];
      ctx.report({ messageId: 'none', data: { container: c.name }, path: c.path, fix: { title: 'Use the runtime\'s default seccomp profile', safety: 'review', ops: [{ op: 'set', path, value: 'RuntimeDefault' }] } });
    }
  },
});
