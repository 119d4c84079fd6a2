import type { RuleContext } from '../../engine';
import { isWindowsPod } from './container';
import { usesUserNamespace } from './pss';

/**
 * Reports each container whose effective `field` (`runAsUser` or `runAsGroup`) is set neither on the
 * container nor on the pod: the image then picks the id (root, or whatever low id its USER names). Pods in
 * their own user namespace (`hostUsers: false`) share no ids with the node, and Windows pods use
 * `windowsOptions.runAsUserName` instead, so neither is reported.
 */
export function reportUnsetId(ctx: RuleContext, field: 'runAsUser' | 'runAsGroup'): void {
  const pod = ctx.podSpec();
  if (!pod || usesUserNamespace(pod) || isWindowsPod(pod)) return;
  for (const c of ctx.containers()) {
    const s = c.effective(field);
    if (s.from !== 'unset') continue;
    ctx.report({ messageId: 'unset', data: { container: c.name }, path: s.path });
  }
}
