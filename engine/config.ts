import Ajv, { type ErrorObject } from 'ajv';
import { parseDocument } from 'yaml';
import schema from './config.schema.json';
import { locate } from './paths';
import { LineIndex } from './text';
import { makeRuleSet, type ActiveRule, type RuleSet } from './lint';
import { PROFILES, type Profile, type Severity } from './taxonomy';
import type { Rule } from './types';
import type { K8sObject } from './context';
import { peerAnnotationSuppresses } from './peer-annotations';

export type RuleSetting = 'off' | 'on' | Severity | { severity?: 'off' | 'on' | Severity; options?: Record<string, unknown> };

export interface Config {
  profile?: Profile;
  failOn?: Severity | 'none';
  kubernetesVersion?: string;
  rules?: Record<string, RuleSetting>;
  ignore?: string[];
  peerAnnotations?: boolean;
  /** Admission policies: extra places to load them from; whether an unbound VAP is evaluated as if bound. */
  policies?: { paths?: string[]; unbound?: 'report' | 'evaluate' };
}

export interface ConfigError { file: string; line: number; character: number; message: string }

let validator: ReturnType<Ajv['compile']> | undefined;

/** Parses and validates a `.kubehex.yaml`; a mistake names the file, line and what was expected. */
export function parseConfig(text: string, file: string, knownRules: ReadonlySet<string>): { config: Config } | { error: ConfigError } {
  const lines = new LineIndex(text);
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    const e = doc.errors[0];
    const p = lines.position(e.pos[0]);
    return { error: { file, line: p.line + 1, character: p.character + 1, message: e.message.split('\n')[0] } };
  }
  const value = (doc.toJS() ?? {}) as unknown;
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(schema);
  if (!validator(value)) {
    const err = pickError(validator.errors ?? []);
    const path = err.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    const extra = err.keyword === 'additionalProperties' ? (err.params as { additionalProperty: string }).additionalProperty : undefined;
    const at = offsetOf(doc, extra ? [...path, extra] : path);
    const p = lines.position(at);
    return { error: { file, line: p.line + 1, character: p.character + 1, message: describe(err, path) } };
  }
  const cfg = value as Config;
  for (const id of Object.keys(cfg.rules ?? {})) {
    if (!knownRules.has(id) && !isPolicyRuleId(id)) {
      const p = lines.position(offsetOf(doc, ['rules', id]));
      return { error: { file, line: p.line + 1, character: p.character + 1, message: `unknown rule "${id}" under rules (see \`kubehex rules\`)` } };
    }
  }
  return { config: cfg };
}

/**
 * Ids of admission-policy rules (`vap:…`, `kyverno:…`, `gatekeeper:…`, `policy-not-evaluated`): which exist depends
 * on the policies a scan loads, so an unknown one is a warning there (unknownPolicyRuleIds), not an error here.
 */
export const POLICY_RULE_ID = /^(vap|kyverno|gatekeeper):\S+$/;
export function isPolicyRuleId(id: string): boolean { return POLICY_RULE_ID.test(id) || id === 'policy-not-evaluated'; }

/** The policy rule ids under `rules:` that name no loaded policy (to warn about). */
export function unknownPolicyRuleIds(config: Config | undefined, loaded: ReadonlySet<string>): string[] {
  return Object.keys(config?.rules ?? {}).filter((id) => POLICY_RULE_ID.test(id) && !loaded.has(id));
}

function pickError(errors: ErrorObject[]): ErrorObject {
  // prefer the most specific error: the deepest path, and not the anyOf summary
  return [...errors].sort((a, b) => b.instancePath.length - a.instancePath.length || Number(a.keyword === 'anyOf') - Number(b.keyword === 'anyOf'))[0];
}

function describe(err: ErrorObject, path: string[]): string {
  const where = path.length ? path.join('.') : 'the top level';
  switch (err.keyword) {
    case 'additionalProperties':
      return `unknown setting "${(err.params as { additionalProperty: string }).additionalProperty}" at ${where}; expected one of: ${Object.keys((schema as { properties: object }).properties).join(', ')}`;
    case 'enum':
      return `${where}: expected one of ${(err.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'anyOf':
      return `${where}: expected off, error, warning, info, or { severity, options }`;
    default:
      return `${where}: ${err.message ?? 'invalid value'}`;
  }
}

function offsetOf(doc: ReturnType<typeof parseDocument>, path: string[]): number {
  const loc = locate(doc, path);
  const last = loc.steps[loc.steps.length - 1];
  const node = (last?.pair?.key ?? last?.item ?? doc.contents) as { range?: number[] } | null;
  return node?.range?.[0] ?? 0;
}

export function profileOf(config: Config | undefined, override?: string): Profile {
  const p = override ?? config?.profile ?? 'recommended';
  return (PROFILES as readonly string[]).includes(p) ? (p as Profile) : 'recommended';
}

/** The rules a profile and a config switch on, with their severities and options. */
export function resolveRules(all: ReadonlyArray<Rule>, config: Config | undefined, profileOverride?: string, extra?: RuleSet['suppressedBy']): RuleSet {
  const profile = profileOf(config, profileOverride);
  const active: ActiveRule[] = [];
  for (const rule of all) {
    const setting = config?.rules?.[rule.meta.id];
    const sev = typeof setting === 'string' ? setting : setting?.severity;
    const inProfile = profile === 'all' || rule.meta.profiles.includes(profile);
    if (sev === 'off' || (!inProfile && (sev === undefined || sev === 'on'))) continue;
    const severity: Severity = sev === undefined || sev === 'on' ? rule.meta.severity : sev;
    // the config's target Kubernetes version reaches every rule that has that option
    const fromConfig = config?.kubernetesVersion && rule.meta.defaultOptions && 'kubernetesVersion' in rule.meta.defaultOptions
      ? { kubernetesVersion: config.kubernetesVersion.replace(/^v/, '') } : {};
    const options = { ...(rule.meta.defaultOptions ?? {}), ...fromConfig, ...(typeof setting === 'object' ? setting.options ?? {} : {}) };
    active.push({ rule, severity, options, ...(sev !== undefined && sev !== 'on' ? { configured: true } : {}) });
  }
  const peers = config?.peerAnnotations === false ? undefined : peerAnnotationSuppresses;
  const hook = extra && peers ? (r: Rule, o: K8sObject) => extra(r, o) || peers(r, o) : extra ?? peers;
  return makeRuleSet(active, hook);
}
