import type { Category, Goal, K8sObject, Path, Severity } from '../engine';

/** One failed validation of a policy on one object. */
export interface Violation {
  /** `validation-N`, 1-based, in the policy's order of validations (Kyverno: of the rule's checks). */
  messageId: string;
  message: string;
  /** Path relative to the object judged; `['kind']` when no field can be named. */
  path: Path;
  severity: Severity;
}

export interface UnitResult {
  /** The policy applies to the object (match, bindings, match conditions, preconditions). */
  matched: boolean;
  violations: Violation[];
  /** Set when the verdict depends on something not evaluable offline: never reported as passed. */
  unknown?: string;
  /** The namespace whose labels a selector needs and the scan lacks (reported once per policy, on the policy). */
  unknownNamespace?: string;
}

/** What a policy needs from the scan: every object, Namespaces by name, and the config's wishes. */
export interface Env {
  objects: ReadonlyArray<K8sObject>;
  namespaces: ReadonlyMap<string, K8sObject>;
  /** The admission operation a manifest stands for (default CREATE; UPDATE for AdmissionReview replays). */
  operation?: 'CREATE' | 'UPDATE';
  /** Cluster stand-ins (Kyverno CLI Values/Context/UserInfo files): lookups, the user, Namespaces. */
  external?: import('./external').External;
}

/** One rule id's worth of policy: a VAP, a Kyverno rule, a ValidatingPolicy or a Gatekeeper constraint. */
export interface PolicyUnit {
  id: string;
  engine: 'vap' | 'kyverno' | 'gatekeeper';
  title: string;
  /** The object the policy is written in, and where in it this unit lives. */
  source: K8sObject;
  sourcePath: Path;
  /** Strongest action of the policy (and its bindings). */
  severity: Severity;
  category: Category;
  goals: Goal[];
  /** messageId -> the policy's own message (the default text of findings). */
  messages: Record<string, string>;
  /** Kinds the unit can apply to (`*` when it cannot be narrowed). */
  kinds: ReadonlyArray<string>;
  evaluate(o: K8sObject, env: Env): UnitResult;
  /**
   * Decided from the object's identity alone (kind, apiVersion, name, namespace), before its value is read:
   * false when `evaluate` would certainly give `{ matched: false, violations: [] }` (no unknown either), so
   * that the object is neither composed nor evaluated for the unit. Absent: every object is evaluated.
   */
  admits?(o: Identity): boolean;
  /**
   * Decided from the kind and apiVersion alone: false when `admits` is false for every object of that kind and
   * apiVersion, whatever its name and namespace. A scan asks it once per kind (see load.ts unitsFor) so that an
   * object meets only the units that may match it. Absent: every kind may be admitted.
   */
  admitsKind?(kind: string, apiVersion: string): boolean;
  /** What the unit can evaluate and read; absent: anything (see UnitScope). */
  scope?: UnitScope;
}

/** An object's identity: what a scan knows of a document before composing it. */
export interface Identity { apiVersion: string; kind: string; name: string; namespace?: string }

/**
 * Where a unit can give anything but "not matched", worked out once from the policy: a scan composes only
 * the documents some unit (or the policy-not-evaluated rule) may judge or read.
 */
export interface UnitScope {
  /** Kinds whose objects `evaluate` may match (a superset, `'*'` when it cannot be narrowed). */
  kinds: ReadonlyArray<string> | '*';
  /** Kinds of other objects `evaluate` may look up in Env (Namespaces, params), `'*'` when not known. */
  reads: ReadonlyArray<string> | '*';
  /** Whether the verdict can be "namespace unknown" (a namespaceSelector somewhere in its match). */
  namespaceSelector: boolean;
}

/** Something about a policy that kubehex reports once, on the policy: not evaluated, no binding, unknown namespace. */
export interface Note {
  on: K8sObject;
  path: Path;
  messageId: 'not-evaluable' | 'unbound' | 'namespace-unknown' | 'rego' | 'rule-type' | 'compile-error' | 'unknown-field';
  /** Narrow the range to the key (an unknown field). */
  at?: 'key';
  message: string;
  /** Characters of the string at `path` at fault (a syntax error inside an expression). */
  span?: readonly [number, number];
}

export interface PolicyOptions {
  /** Judges Kyverno `podSecurity` rules (see pod-security.ts); without it they are reported as not evaluated. */
  podSecurity?: import('./pod-security').PodSecurityCheck;
  /** `.kubehex.yaml` policies.unbound: evaluate unbound VAPs as if bound cluster-wide, or only report them. */
  unbound?: 'report' | 'evaluate';
  /** Cluster stand-ins every evaluation sees (see external.ts). */
  external?: import('./external').External;
}
