import * as assert from 'node:assert/strict';
import { resolveRules } from '../../engine';
import { rules } from '../../rules';
import { kustomizeRenderer, lintRendered, memoryFs, renderSource } from '../../render';

/**
 * A rendered bare container: the kustomize output has no comments, so a suppression written above the container
 * in the base is honoured where the finding is shown (the base), for the rules no-security-context speaks for too.
 */
describe('render: a suppression in the source takes a narrower rule\'s gap out of a rendered bare container\'s finding', () => {
  const ids = ['no-security-context', 'run-as-root', 'privilege-escalation-allowed', 'capabilities-not-dropped', 'seccomp-profile-missing', 'writable-root-filesystem'];
  const set = resolveRules(rules.filter((r) => ids.includes(r.meta.id)), undefined, 'recommended');
  const POD = (comment: string) => `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
${comment}    - name: app
      image: "x:1"
`;
  const lint = (comment: string) => {
    const fs = memoryFs({ '/k/kustomization.yaml': 'resources:\n  - pod.yaml\nnamePrefix: dev-\n', '/k/pod.yaml': POD(comment) });
    const rs = renderSource(fs, '/k', kustomizeRenderer, { kustomize: {} }, set);
    assert.ok(!rs.result.text.includes('kubehex-disable'), 'the rendered text carries no comment');
    return lintRendered(rs, set, rs.objects).findings.map((f) => [f.ruleId, f.file, [f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character], f.message]);
  };

  it('run-as-root and seccomp-profile-missing suppressed in the base: their gaps are gone', () => {
    assert.deepEqual(lint('    # kubehex-disable-next-line run-as-root, seccomp-profile-missing -- vendor image\n'), [['no-security-context', '/k/pod.yaml', [7, 6, 7, 15],
      'Pod dev-p: container "app" has no securityContext, so it runs on runtime defaults: it allows privilege escalation, keeps the default capabilities and has a writable root filesystem.']]);
  });

  it('without the comment, every gap is named', () => {
    assert.deepEqual(lint(''), [['no-security-context', '/k/pod.yaml', [6, 6, 6, 15],
      'Pod dev-p: container "app" has no securityContext, so it runs on runtime defaults: it may run as root, allows privilege escalation, keeps the default capabilities, has no seccomp profile and has a writable root filesystem.']]);
  });
});
