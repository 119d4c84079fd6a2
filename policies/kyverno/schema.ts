/**
 * The fields of Kyverno ClusterPolicy/Policy (kyverno.io/v1) that kubehex evaluates, written from Kyverno's
 * documentation (its CRD schema is not available offline). A key the schema does not know is a typo Kyverno
 * rejects or drops (a misspelt `validationFailureAction` silently leaves the policy in Audit), reported on the key.
 */
import { isRecord, type K8sObject, type Path } from '../../engine';
import type { Note } from '../types';

type Shape = 'any' | { obj: Record<string, Shape> } | { list: Shape } | { either: [Shape, Shape] };

const obj = (o: Record<string, Shape>): Shape => ({ obj: o });
const list = (s: Shape): Shape => ({ list: s });

const SELECTOR = obj({ matchLabels: 'any', matchExpressions: list(obj({ key: 'any', operator: 'any', values: 'any' })) });
const RESOURCES = obj({ kinds: 'any', name: 'any', names: 'any', namespaces: 'any', annotations: 'any', selector: SELECTOR, namespaceSelector: SELECTOR, operations: 'any' });
const SUBJECT = obj({ kind: 'any', name: 'any', namespace: 'any', apiGroup: 'any' });
const FILTER_FIELDS = { resources: RESOURCES, subjects: list(SUBJECT), roles: 'any', clusterRoles: 'any' } as const;
const FILTER = obj(FILTER_FIELDS);
const MATCH = obj({ any: list(FILTER), all: list(FILTER), ...FILTER_FIELDS });
const CONDITION = obj({ key: 'any', operator: 'any', value: 'any', message: 'any' });
const CONDITIONS: Shape = { either: [list(CONDITION), obj({ any: list(CONDITION), all: list(CONDITION) })] };
const CONTEXT = list(obj({
  name: 'any',
  variable: obj({ value: 'any', jmesPath: 'any', default: 'any' }),
  configMap: obj({ name: 'any', namespace: 'any' }),
  apiCall: obj({ urlPath: 'any', method: 'any', data: 'any', service: 'any', jmesPath: 'any', default: 'any' }),
  imageRegistry: obj({ reference: 'any', jmesPath: 'any', imageRegistryCredentials: 'any' }),
  globalReference: obj({ name: 'any', jmesPath: 'any' }),
}));
const DENY = obj({ conditions: CONDITIONS });
const FOREACH_FIELDS: Record<string, Shape> = { list: 'any', context: CONTEXT, preconditions: CONDITIONS, pattern: 'any', anyPattern: 'any', deny: DENY, elementScope: 'any' };
const FOREACH: Shape = list(obj({ ...FOREACH_FIELDS, foreach: 'any' }));
const CEL = obj({
  expressions: list(obj({ expression: 'any', message: 'any', messageExpression: 'any', reason: 'any', fieldPath: 'any' })),
  variables: list(obj({ name: 'any', expression: 'any' })),
  paramKind: obj({ apiVersion: 'any', kind: 'any' }),
  paramRef: obj({ name: 'any', namespace: 'any', selector: SELECTOR, parameterNotFoundAction: 'any' }),
  auditAnnotations: list(obj({ key: 'any', valueExpression: 'any' })),
  generate: 'any',
});
const VALIDATE = obj({
  message: 'any', failureAction: 'any', failureActionOverrides: 'any', allowExistingViolations: 'any',
  pattern: 'any', anyPattern: 'any', deny: DENY, foreach: FOREACH, cel: CEL,
  podSecurity: obj({ level: 'any', version: 'any', exclude: list(obj({ controlName: 'any', images: 'any', restrictedField: 'any', values: 'any' })) }),
  manifests: 'any', assert: 'any',
});
const RULE = obj({
  name: 'any', match: MATCH, exclude: MATCH, context: CONTEXT, preconditions: CONDITIONS, celPreconditions: 'any',
  validate: VALIDATE, mutate: 'any', generate: 'any', verifyImages: 'any', imageExtractors: 'any',
  skipBackgroundRequests: 'any', reportProperties: 'any',
});
const SPEC = obj({
  rules: list(RULE), validationFailureAction: 'any', validationFailureActionOverrides: 'any', failurePolicy: 'any',
  background: 'any', admission: 'any', applyRules: 'any', emitWarning: 'any', generateExisting: 'any',
  generateExistingOnPolicyUpdate: 'any', mutateExistingOnPolicyUpdate: 'any', schemaValidation: 'any',
  useServerSideApply: 'any', webhookConfiguration: obj({ failurePolicy: 'any', timeoutSeconds: 'any', matchConditions: 'any' }),
  webhookTimeoutSeconds: 'any',
});

function distance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const t = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
      prev = t;
    }
  }
  return d[b.length];
}

function nearest(key: string, names: string[]): string | undefined {
  let best: string | undefined;
  let bd = Infinity;
  for (const n of names) { const x = distance(key, n); if (x < bd) { bd = x; best = n; } }
  return best !== undefined && bd <= Math.max(2, Math.floor(key.length / 4)) ? best : undefined;
}

function check(v: unknown, s: Shape, path: Path, out: Array<{ path: Path; key: string; suggestion?: string }>): void {
  if (s === 'any') return;
  if ('either' in s) { check(v, Array.isArray(v) ? s.either[0] : s.either[1], path, out); return; }
  if ('list' in s) { if (Array.isArray(v)) v.forEach((x, i) => check(x, s.list, [...path, i], out)); return; }
  if (!isRecord(v)) return;
  const names = Object.keys(s.obj);
  for (const [k, x] of Object.entries(v)) {
    const sub = s.obj[k];
    if (sub === undefined) { out.push({ path: [...path, k], key: k, suggestion: nearest(k, names) }); continue; }
    check(x, sub, [...path, k], out);
  }
}

/** Unknown fields under `spec` of a Kyverno ClusterPolicy or Policy. */
export function kyvernoSchemaNotes(p: K8sObject): Note[] {
  const out: Array<{ path: Path; key: string; suggestion?: string }> = [];
  check(p.value.spec, SPEC, ['spec'], out);
  return out.map((u) => ({
    on: p, path: u.path, at: 'key' as const, messageId: 'unknown-field' as const,
    message: `${p.kind} ${p.name}: "${u.key}" is not a Kyverno field here${u.suggestion ? ` (did you mean "${u.suggestion}"?)` : ''}; Kyverno rejects or ignores it`,
  }));
}
