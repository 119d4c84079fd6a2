import { CUSTOM_RESOURCE, defineRule, getPath, hasPlaceholder, isRecord, type Path } from '../../engine';
import { podMetadataPath } from '../_lib/container';
import { SCHEMA_KINDS } from '../_lib/k8s-schema';

/** A label value: empty, or up to 63 characters, alphanumeric at both ends, `-`, `_` and `.` inside. */
const VALUE = /^(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;
/** A label name: the same as a value but not empty. */
const NAME = /^[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
/** A key prefix: a DNS subdomain (lower case, up to 253 characters). */
const PREFIX = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*$/;

/** Why a label key is refused, or undefined. */
export function keyProblem(key: string): string | undefined {
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length > 253 || !PREFIX.test(prefix))) return `the prefix "${prefix}" is not a lower-case DNS subdomain`;
  if (name.length > 63) return `the name part is ${name.length} characters long (at most 63)`;
  if (!NAME.test(name)) return 'the name part must be alphanumeric at both ends, with only "-", "_" and "." inside';
  return undefined;
}

/** Why a label value is refused, or undefined. */
export function valueProblem(value: string): string | undefined {
  if (value.length > 63) return `it is ${value.length} characters long (at most 63)`;
  if (!VALUE.test(value)) return 'it must be empty or alphanumeric at both ends, with only "-", "_" and "." inside';
  return undefined;
}

export default defineRule({
  meta: {
    id: 'label-value-invalid',
    title: 'Label key or value the API server refuses',
    category: 'core',
    goals: ['utility', 'availability'],
    severity: 'error',
    appliesTo: [...SCHEMA_KINDS, CUSTOM_RESOURCE],
    profiles: ['recommended'],
    layer: 'orchestrator',
    docs: {
      summary: 'The API server refuses an object whose labels or label selector break the label syntax, so nothing in the manifest is applied; a selector value that could never match a label selects nothing.',
      recipe: 'Keep label values to 63 characters, starting and ending with a letter or digit, with only `-`, `_` and `.` inside (no spaces, slashes or colons); put free text in an annotation instead.',
    },
    peers: {
      'kube-score': ['label-values'],
      datree: ['WORKLOAD_INVALID_LABELS_VALUE'],
    },
    messages: {
      key: '{{kind}} {{name}}: the label key "{{key}}" in {{where}} is refused: {{problem}}.',
      value: '{{kind}} {{name}}: the value of label "{{key}}" in {{where}} is refused: {{problem}}.',
    },
  },
  check(ctx) {
    const o = ctx.object;
    const maps: Array<[Path, string]> = [[['metadata', 'labels'], 'metadata.labels']];
    const pod = ctx.podSpec();
    if (pod && o.kind !== 'Pod') maps.push([[...podMetadataPath(pod), 'labels'], 'the pod template labels']);
    const selectorPath: Path = o.kind === 'Service' || o.kind === 'ReplicationController' ? ['spec', 'selector'] : ['spec', 'selector', 'matchLabels'];
    maps.push([selectorPath, 'the selector']);
    for (const [path, where] of maps) {
      const labels = getPath(o.value, path);
      if (!isRecord(labels)) continue;
      for (const [key, value] of Object.entries(labels)) {
        const kp = hasPlaceholder(key) ? undefined : keyProblem(key);
        if (kp) {
          ctx.report({ messageId: 'key', data: { key, where, problem: kp }, path: [...path, key] });
          continue;
        }
        // a value that is not a string at all is invalid-field-type's finding; `${var}` and `{{ }}` are
        // placeholders a tool (envsubst, Flux, Helm) fills in before the object reaches the API server
        if (typeof value !== 'string' || hasPlaceholder(value)) continue;
        const vp = valueProblem(value);
        if (vp) ctx.report({ messageId: 'value', data: { key, where, problem: vp }, path: [...path, key] });
      }
    }
  },
});
