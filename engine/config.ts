import { isMap, isScalar, parseDocument, visit } from 'yaml';
import { checkRuleOptions, validateConfig } from './config-check';
import { checkText } from './guards';
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
  policies?: PolicySettings;
  /** Per chart folder (relative to the config file): what `kubehex scan` renders it with. */
  helm?: { charts?: Record<string, ChartSettings> };
  /** Kustomization roots to build (relative to the config file). */
  kustomize?: { roots?: string[] };
}

/**
 * `.kubehex.yaml` policies: extra places to load admission policies from, whether an unbound VAP is evaluated
 * as if bound, and the cluster stand-ins a policy reads (the Kyverno CLI's Values, Context and UserInfo files).
 */
export interface PolicySettings {
  paths?: string[];
  unbound?: 'report' | 'evaluate';
  /** cli.kyverno.io Values files: variables of rules, resources and globals; Namespaces and their labels. */
  values?: string[];
  /** cli.kyverno.io Context files: objects `resource.Get/List` find, image data. */
  context?: string[];
  /** A cli.kyverno.io UserInfo file: the requesting user, groups, roles. */
  userInfo?: string;
}

/** Line and column (1-based) of the key or list item at `path` in a config's text (the line that sets it). */
export function configPosition(text: string, path: ReadonlyArray<string | number>): { line: number; character: number } {
  const doc = parseDocument(text, { prettyErrors: false });
  const last = locate(doc, [...path]).steps.at(-1);
  const node = (last?.item ?? last?.pair?.value ?? last?.pair?.key ?? doc.contents) as { range?: number[] } | null;
  const p = new LineIndex(text).position(node?.range?.[0] ?? 0);
  return { line: p.line + 1, character: p.character + 1 };
}

export interface ChartSettings { values?: string[]; set?: Record<string, string | number | boolean | null> | string[]; releaseName?: string; namespace?: string }

export interface ConfigError { file: string; line: number; character: number; message: string }

/** Most errors one config reports; the rest are summed up in one last line. */
export const MAX_CONFIG_ERRORS = 50;

export type ConfigResult = { config: Config } | { error: ConfigError; errors: ConfigError[] };

/**
 * Parses and validates a `.kubehex.yaml`, with the guards manifests get (control characters, nesting and
 * alias bombs), and reports every mistake at once, each with its file, line and what was expected.
 * `known` is the rule catalogue (ids and option names) or, without options, the set of rule ids.
 */
export function parseConfig(text: string, file: string, known: ReadonlySet<string> | ReadonlyArray<Rule>): ConfigResult {
  const lines = new LineIndex(text);
  const at = (offset: number, message: string): ConfigError => {
    const p = lines.position(offset);
    return { file, line: p.line + 1, character: p.character + 1, message };
  };
  const fail = (errors: ConfigError[]): ConfigResult => {
    const sorted = errors.sort((a, b) => a.line - b.line || a.character - b.character);
    const shown = sorted.slice(0, MAX_CONFIG_ERRORS);
    if (sorted.length > shown.length) shown.push({ ...sorted[shown.length], message: `${sorted.length - shown.length} more errors not shown` });
    return { error: shown[0], errors: shown };
  };
  const guard = checkText(text);
  if (guard) return fail([{ file, line: (guard.range?.start.line ?? 0) + 1, character: (guard.range?.start.character ?? 0) + 1, message: guard.message }]);
  // a long ignore list of simple items is read line by line; the YAML parser gets the rest of the text
  const split = splitIgnoreList(text);
  const rest = split ? parseDocument(split.rest, { prettyErrors: false, uniqueKeys: true }) : undefined;
  // the list was all of `ignore` (else the whole text is parsed, as without the shortcut)
  const cut = split && rest && !rest.errors.length && heldList(rest, split.keyAt) ? split : undefined;
  const src = cut ? cut.rest : text;
  const doc = cut && rest ? rest : parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  // offsets in the parsed text, as offsets in the file
  const orig = (o: number) => (cut && o >= cut.cut ? o + cut.removed : o);
  if (doc.errors.length) return fail(doc.errors.map((e) => at(orig(e.pos[0]), e.message.split('\n')[0])));
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_CONFIG_ALIASES }) ?? {};
  } catch (e) {
    return fail([at(orig(firstAliasOffset(doc)), `aliases expand to too many nodes (an alias bomb: ${(e as Error).message}); not expanded`)]);
  }
  if (cut) (value as { ignore?: string[] }).ignore = cut.items;
  const errors = validateConfig(value, (path) => orig(offsetOf(doc, path)), (path) => sourceOf(doc, src, path)).map((e) => at(e.offset, e.message));
  if (errors.length) return fail(errors);
  const cfg = value as Config;
  const catalogue = known instanceof Set ? undefined : (known as ReadonlyArray<Rule>);
  const ids: ReadonlySet<string> = catalogue ? new Set(catalogue.map((r) => r.meta.id)) : (known as ReadonlySet<string>);
  for (const [id, setting] of Object.entries(cfg.rules ?? {})) {
    if (!ids.has(id)) {
      // policy rule ids depend on the policies a scan loads: an unknown one is a warning there, not an error here
      if (!isPolicyRuleId(id)) errors.push(at(orig(offsetOf(doc, ['rules', id])), `unknown rule "${id}" under rules (see \`kubehex rules\`)`));
      continue;
    }
    const rule = catalogue?.find((r) => r.meta.id === id);
    if (rule && typeof setting === 'object' && setting.options) {
      for (const e of checkRuleOptions(rule, setting.options)) errors.push(at(orig(offsetOf(doc, ['rules', id, 'options', ...e.path])), e.message));
    }
  }
  return errors.length ? fail(errors) : { config: cfg };
}

/** Fewest items for which an ignore list is read line by line (below it the YAML parser is quick enough). */
export const IGNORE_FAST_ITEMS = 256;

/** `ignore:` as a key of the top-level map (column 0), with nothing after it on its line. */
const IGNORE_KEY = /^ignore:[ \t]*\r?$/gm;
/** One item of a block list: double-quoted without escapes, single-quoted without quotes, or plain glob text. */
const IGNORE_ITEM = /^( *)- +(?:"([^"\\\r\n]*)"|'([^'\r\n]*)'|([A-Za-z_/][A-Za-z0-9_./*?-]*|\.[A-Za-z_/*][A-Za-z0-9_./*?-]*))[ \t]*$/;
/** Plain items the YAML core schema reads as something other than a string. */
const NOT_STRING = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE|\.inf|\.Inf|\.INF|\.nan|\.NaN|\.NAN)$/;

/**
 * The items of a top-level `ignore:` block list of at least IGNORE_FAST_ITEMS simple items (one per line, the
 * same indent, nothing else between them), and the text without the item lines. Undefined when there is no such
 * list; whether the rest parses with `ignore` holding exactly that list is checked by `heldList`.
 */
export function splitIgnoreList(text: string): { rest: string; items: string[]; keyAt: number; cut: number; removed: number } | undefined {
  IGNORE_KEY.lastIndex = 0;
  const key = IGNORE_KEY.exec(text);
  if (!key || IGNORE_KEY.exec(text)) return undefined;
  let pos = text.indexOf('\n', key.index);
  if (pos < 0) return undefined;
  const cut = ++pos;
  const items: string[] = [];
  let indent: string | undefined;
  while (pos < text.length) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    const line = text.charCodeAt(end - 1) === 13 ? text.slice(pos, end - 1) : text.slice(pos, end);
    const m = IGNORE_ITEM.exec(line);
    if (!m || (indent !== undefined && m[1] !== indent) || (m[4] !== undefined && NOT_STRING.test(m[4]))) break;
    indent = m[1];
    items.push(m[2] ?? m[3] ?? m[4]);
    pos = end < text.length ? end + 1 : end;
  }
  if (items.length < IGNORE_FAST_ITEMS) return undefined;
  return { rest: text.slice(0, cut) + text.slice(pos), items, keyAt: key.index, cut, removed: pos - cut };
}

/** The rest of the text parsed with `ignore` the top-level key at `keyAt` and no value: the list was all of it. */
function heldList(doc: ReturnType<typeof parseDocument>, keyAt: number): boolean {
  const root = doc.contents;
  if (!isMap(root) || root.flow) return false;
  const pair = root.items.find((p) => isScalar(p.key) && p.key.value === 'ignore');
  if (!pair || !isScalar(pair.key) || pair.key.range?.[0] !== keyAt) return false;
  return pair.value === null || (isScalar(pair.value) && pair.value.value === null && pair.value.source === '' && !pair.value.tag);
}

/** A config has no business with more aliases than this (manifests get 100 too). */
const MAX_CONFIG_ALIASES = 100;

function firstAliasOffset(doc: ReturnType<typeof parseDocument>): number {
  let offset = doc.contents?.range?.[0] ?? 0;
  let found = false;
  visit(doc, { Alias(_, node) { if (!found) { found = true; offset = node.range?.[0] ?? offset; } return visit.BREAK; } });
  return offset;
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

function offsetOf(doc: ReturnType<typeof parseDocument>, path: ReadonlyArray<string>): number {
  const loc = locate(doc, path);
  const last = loc.steps[loc.steps.length - 1];
  const node = (last?.pair?.key ?? last?.item ?? doc.contents) as { range?: number[] } | null;
  return node?.range?.[0] ?? 0;
}

/** The source text of the value at `path` (for hints such as quoting a version). */
function sourceOf(doc: ReturnType<typeof parseDocument>, text: string, path: ReadonlyArray<string>): string | undefined {
  const loc = locate(doc, path);
  if (!loc.exact) return undefined;
  const v = loc.steps[loc.steps.length - 1]?.value as { range?: number[] } | null;
  return v?.range ? text.slice(v.range[0], v.range[1]) : undefined;
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
    const options = { ...(rule.meta.defaultOptions ?? {}), ...(rule.meta.profileOptions?.[profile] ?? {}), ...fromConfig, ...(typeof setting === 'object' ? setting.options ?? {} : {}) };
    active.push({ rule, severity, options, ...(sev !== undefined && sev !== 'on' ? { configured: true } : {}) });
  }
  const peers = config?.peerAnnotations === false ? undefined : peerAnnotationSuppresses;
  const hook = extra && peers ? (r: Rule, o: K8sObject) => extra(r, o) || peers(r, o) : extra ?? peers;
  return makeRuleSet(active, hook);
}
