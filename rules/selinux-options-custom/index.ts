import { defineRule, isRecord } from '../../engine';
import { PSS_VERSION, allowedSelinuxType, securityContextSites, show, targetMinor } from '../_lib/pss';

export default defineRule({
  meta: {
    id: 'selinux-options-custom',
    title: 'Custom SELinux type, user or role',
    category: 'container',
    goals: ['integrity', 'confidentiality'],
    severity: 'error',
    appliesTo: ['podSpec'],
    profiles: ['recommended', 'pss-baseline', 'pss-restricted'],
    pss: 'baseline: SELinux',
    layer: 'system',
    principle: 'defense in depth',
    docs: {
      summary: 'A custom SELinux user, role or a type other than the container types (container_t, container_init_t, container_kvm_t, container_engine_t) can lift the label that keeps a container away from host files and other pods.',
      recipe: 'Remove `seLinuxOptions.user` and `seLinuxOptions.role`, and leave `type` unset or use one of the container types; `level` may stay.',
    },
    peers: {
      trivy: ['KSV-0025'],
      datree: ['EKS_INVALID_SELINUXOPTIONS_TYPE_VALUE', 'EKS_INVALID_SELINUXOPTIONS_USER_VALUE', 'EKS_INVALID_SELINUXOPTIONS_ROLE_VALUE'],
      pss: ['seLinuxOptions'],
    },
    peerMessages: {
      datree: { EKS_INVALID_SELINUXOPTIONS_TYPE_VALUE: ['type'], EKS_INVALID_SELINUXOPTIONS_USER_VALUE: ['user'], EKS_INVALID_SELINUXOPTIONS_ROLE_VALUE: ['role'] },
    },
    defaultOptions: { kubernetesVersion: PSS_VERSION },
    messages: {
      type: '{{kind}} {{name}}: {{where}} sets SELinux type "{{value}}", which is not a container type.',
      user: '{{kind}} {{name}}: {{where}} sets a custom SELinux user "{{value}}".',
      role: '{{kind}} {{name}}: {{where}} sets a custom SELinux role "{{value}}".',
    },
  },
  check(ctx) {
    const pod = ctx.podSpec();
    if (!pod) return;
    const minor = targetMinor(ctx.options.kubernetesVersion);
    for (const site of securityContextSites(pod, ctx.containers())) {
      const opts = site.value.seLinuxOptions;
      if (!isRecord(opts)) continue;
      const where = site.container ? `container "${site.container.name}"` : 'the pod';
      const base = [...site.path, 'seLinuxOptions'];
      if (opts.type !== undefined && opts.type !== null && !(typeof opts.type === 'string' && allowedSelinuxType(opts.type, minor))) {
        const path = [...base, 'type'];
        ctx.report({
          messageId: 'type', data: { where, value: show(opts.type) }, path,
          fix: { title: 'Remove the SELinux type (the runtime assigns container_t)', safety: 'review', ops: [{ op: 'remove', path }] },
        });
      }
      for (const field of ['user', 'role'] as const) {
        const v = opts[field];
        if (v === undefined || v === null || v === '') continue;
        const path = [...base, field];
        ctx.report({
          messageId: field, data: { where, value: show(opts[field]) }, path,
          fix: { title: `Remove the SELinux ${field}`, safety: 'review', ops: [{ op: 'remove', path }] },
        });
      }
    }
  },
});
