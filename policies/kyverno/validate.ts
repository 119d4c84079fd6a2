/** One Kyverno validate rule on one object: context, preconditions, pattern/anyPattern, deny, foreach, cel. */
import { isRecord, type K8sObject, type Path } from '../../engine';
import { bindVariables, readCelSpec, runCelSpec } from '../cel-policy';
import { requestFor } from '../match';
import { admissionVars } from '../vap';
import type { Env } from '../types';
import { conditionsMet } from './conditions';
import { hasVariables, KyvernoError, KyvernoUnknown, query, substitute, USER_UNKNOWN } from './jmes';
import { kyvernoValues, parseServiceAccount, setDotted } from '../external';
import { validateCompiledPattern, validatePattern, type PatternResult } from './pattern';
import { imagesOf } from './images';
import type { PodSecurityCheck } from '../pod-security';

const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const rec = (v: unknown): Record<string, unknown> => (isRecord(v) ? v : {});

export interface RuleFailure { check: number; message: string; path: Path }
export type RuleOutcome = { skip: true; unknown?: string } | { skip: false; failures: RuleFailure[]; unknown?: string };

interface Ctx { data: Record<string, unknown>; unknownVars: Set<string> }

/** The JMESPath context Kyverno builds for an admission request (worked out once per object and operation). */
const baseData = new WeakMap<object, Record<string, unknown>>();
const baseDataOp = new WeakMap<object, Map<string, Record<string, unknown>>>();
function baseOf(o: K8sObject, operation?: string): Record<string, unknown> {
  // the default operation (CREATE) is what a scan asks for: one lookup
  if (operation === undefined) {
    let base = baseData.get(o.value);
    if (!base) baseData.set(o.value, (base = makeBase(o, operation)));
    return base;
  }
  let perOp = baseDataOp.get(o.value);
  if (!perOp) { perOp = new Map(); baseDataOp.set(o.value, perOp); }
  let base = perOp.get(operation);
  if (!base) perOp.set(operation, (base = makeBase(o, operation)));
  return base;
}

function makeBase(o: K8sObject, operation: string | undefined): Record<string, unknown> {
  const req = requestFor(o, operation);
  const base: Record<string, unknown> = { request: { ...req, object: o.value, oldObject: null }, serviceAccountName: '', serviceAccountNamespace: '' };
  // `images` is worked out when first read (most rules never read it); a copy of the data reads it too
  const value = o.value;
  let images: unknown;
  Object.defineProperty(base, 'images', { enumerable: true, configurable: true, get: () => (images ??= imagesOf(value)) });
  return base;
}

/** A rule's own context: its data and unknown variables, which context entries and stand-ins write to. */
export function kyvernoContext(o: K8sObject, operation?: string): Ctx {
  return { data: { ...baseOf(o, operation) }, unknownVars: new Set([USER_UNKNOWN]) };
}

/** The unknown variables of a rule that writes none (see writesContext): one set, never changed. */
const NO_USER: ReadonlySet<string> = new Set([USER_UNKNOWN]);

/**
 * Whether evaluating a rule may write to its context (its data or unknown variables): context entries, of the
 * rule or of a foreach at any depth, and cluster stand-ins do. A rule that does not reads the object's shared
 * data as it is (nothing else writes to it: foreach elements and substituted patterns get copies).
 */
const writers = new WeakMap<object, boolean>();
function writesContext(rule: Record<string, unknown>): boolean {
  let w = writers.get(rule);
  if (w === undefined) {
    const hasEntries = (c: unknown) => c !== undefined && (!Array.isArray(c) || c.length > 0);
    const inForeach = (list: unknown): boolean => arr(list).map(rec).some((fe) => hasEntries(fe.context) || inForeach(fe.foreach));
    w = hasEntries(rule.context) || inForeach(rec(rule.validate).foreach);
    writers.set(rule, w);
  }
  return w;
}

/** Who the rule sees (UserInfo stand-in) and the variables the Values stand-in gives this policy, rule and resource. */
function applyExternal(ctx: Ctx, env: Env, names: RuleNames | undefined, o: K8sObject): Set<string> {
  const given = new Set<string>();
  const ext = env.external;
  if (!ext) return given;
  if (ext.userInfo) {
    const sa = parseServiceAccount(ext.userInfo.username);
    ctx.data.request = { ...rec(ctx.data.request), userInfo: ext.userInfo, roles: ext.roles, clusterRoles: ext.clusterRoles };
    ctx.data.serviceAccountName = sa.name;
    ctx.data.serviceAccountNamespace = sa.namespace;
    ctx.unknownVars.delete(USER_UNKNOWN);
  }
  const vals = names ? kyvernoValues(ext, names.policy, names.rule, names.resource ?? o.name) : undefined;
  for (const [k, v] of Object.entries(vals ?? {})) {
    setDotted(ctx.data, k, v);
    given.add(k.split('.')[0]);
  }
  return given;
}

/** The policy and rule a rule evaluation stands for, and the resource's own name (Values are keyed by them). */
export interface RuleNames { policy: string; rule: string; resource?: string }

/** Context entries: `variable` ones are computed; lookups (configMap, apiCall, imageRegistry, globalReference) are unknown. */
function loadContext(entries: unknown, ctx: Ctx, given?: ReadonlySet<string>): void {
  for (const e of arr(entries).map(rec)) {
    const name = String(e.name ?? '');
    if (!name) continue;
    // a Values stand-in gives this variable: the lookup is not made (as the Kyverno CLI does)
    if (given?.has(name)) continue;
    if (isRecord(e.variable)) {
      const v = e.variable;
      try {
        let val: unknown = v.value !== undefined ? substitute(v.value, ctx.data, ctx.unknownVars) : undefined;
        if (typeof v.jmesPath === 'string') val = query(String(substitute(v.jmesPath, ctx.data, ctx.unknownVars)), val === undefined ? ctx.data : val);
        if ((val === null || val === undefined) && v.default !== undefined) val = substitute(v.default, ctx.data, ctx.unknownVars);
        ctx.data[name] = val ?? null;
      } catch (err) {
        if (err instanceof KyvernoUnknown) ctx.unknownVars.add(name); else throw err;
      }
    } else {
      ctx.unknownVars.add(name);
    }
  }
}

export function evaluateRule(rule: Record<string, unknown>, o: K8sObject, env: Env, pss?: PodSecurityCheck, names?: RuleNames): RuleOutcome {
  // a rule that writes nothing to its context reads the object's shared data as it is (see writesContext)
  const own = !!env.external || writesContext(rule);
  const ctx: Ctx = own ? kyvernoContext(o, env.operation) : { data: baseOf(o, env.operation), unknownVars: NO_USER as Set<string> };
  const given = own ? applyExternal(ctx, env, names, o) : undefined;
  try {
    if (own) loadContext(rule.context, ctx, given);
    if (rule.preconditions !== undefined && !conditionsMet(rule.preconditions, ctx.data, ctx.unknownVars).met) return { skip: true };
    if (isRecord(rule.celPreconditions) || Array.isArray(rule.celPreconditions)) {
      const spec = readCelSpec({ matchConditions: rule.celPreconditions }, []);
      const act = admissionVars(o, env, undefined);
      const out = runCelSpec(spec, act, o.value);
      if (out.skip) return { skip: true, unknown: out.unknown };
    }
    return validate(rec(rule.validate), o, env, ctx, pss);
  } catch (err) {
    if (err instanceof KyvernoUnknown) return { skip: true, unknown: err.message };
    // Kyverno reports such a rule as an error, not as failed: here it is not evaluated
    if (err instanceof KyvernoError) return { skip: true, unknown: `rule error: ${err.message}` };
    throw err;
  }
}

function messageOf(v: Record<string, unknown>, ctx: Ctx, fallback: string): string {
  if (typeof v.message !== 'string') return fallback;
  try {
    const m = substitute(v.message, ctx.data, ctx.unknownVars);
    return (typeof m === 'string' ? m : JSON.stringify(m)).trim();
  } catch {
    return v.message.trim();
  }
}

function validate(v: Record<string, unknown>, o: K8sObject, env: Env, ctx: Ctx, pss?: PodSecurityCheck): RuleOutcome {
  if (v.pattern !== undefined || v.anyPattern !== undefined) {
    const r = patternCheck(v, o.value, ctx, []);
    if ('skip' in r) return { skip: true };
    if ('fail' in r) return { skip: false, failures: [{ check: 0, message: messageOf(v, ctx, r.reason), path: r.fail }] };
    return { skip: false, failures: [] };
  }
  if (isRecord(v.deny)) {
    const c = conditionsMet(rec(v.deny).conditions ?? {}, ctx.data, ctx.unknownVars);
    return { skip: false, failures: c.met ? [{ check: 0, message: c.message ?? messageOf(v, ctx, 'denied'), path: ['kind'] }] : [] };
  }
  if (Array.isArray(v.foreach)) return foreach(v, v.foreach, o, ctx, []);
  if (isRecord(v.cel)) return celCheck(rec(v.cel), o, env);
  if (isRecord(v.podSecurity)) return podSecurity(rec(v.podSecurity), v, o, ctx, pss);
  return { skip: true, unknown: 'this validate rule uses a form kubehex does not evaluate' };
}

function patternCheck(v: Record<string, unknown>, resource: unknown, ctx: Ctx, base: Path): PatternResult {
  // a pattern without variables is the policy's own object: read once (validateCompiledPattern); one with
  // variables is a new object per evaluation, judged as it is
  const check = (p: unknown) => (hasVariables(p) ? validatePattern(resource, substitute(p, { ...ctx.data }, ctx.unknownVars), base) : validateCompiledPattern(resource, p, base));
  if (v.pattern !== undefined) return check(v.pattern);
  const pats = arr(v.anyPattern);
  let firstFail: PatternResult | undefined;
  let skipped = 0;
  for (const p of pats) {
    const r = check(p);
    if ('ok' in r) return r;
    if ('skip' in r) skipped++; else firstFail ??= r;
  }
  if (skipped === pats.length && pats.length) return { skip: 'conditional', path: base };
  return firstFail ?? { ok: true };
}

function foreach(v: Record<string, unknown>, list: unknown[], o: K8sObject, ctx: Ctx, base: Path): RuleOutcome {
  const failures: RuleFailure[] = [];
  for (const fe of list.map(rec)) {
    const expr = String(fe.list ?? '');
    const items = query(String(substitute(expr, ctx.data, ctx.unknownVars)), ctx.data);
    if (!Array.isArray(items)) continue;
    const listPath = pathOfQuery(expr, o.value);
    // without context entries nothing writes to an element's data but `element`, `elementIndex` and `@`: one
    // copy of the rule's data serves every element (each field set as a fresh copy would have it)
    const shared = fe.context === undefined || (Array.isArray(fe.context) && !fe.context.length);
    const parentHasAt = '@' in ctx.data;
    const parentAt = ctx.data['@'];
    let reused: Record<string, unknown> | undefined;
    for (let i = 0; i < items.length; i++) {
      let data: Record<string, unknown>;
      if (shared && reused) {
        data = reused;
        data.element = items[i];
        data.elementIndex = i;
      } else {
        data = { ...ctx.data, element: items[i], elementIndex: i };
        if (shared) reused = data;
      }
      if (fe.elementScope !== false && isRecord(items[i])) data['@'] = items[i];
      else if (data !== reused || i === 0) { /* a fresh copy holds the rule's own `@`, if any */ }
      else if (parentHasAt) data['@'] = parentAt;
      else delete data['@'];
      const el: Ctx = { data, unknownVars: ctx.unknownVars };
      loadContext(fe.context, el);
      if (fe.preconditions !== undefined && !conditionsMet(fe.preconditions, el.data, el.unknownVars).met) continue;
      const at: Path = listPath ? [...listPath, i] : ['kind'];
      if (fe.pattern !== undefined || fe.anyPattern !== undefined) {
        const r = patternCheck(fe, items[i], el, at);
        if ('fail' in r) failures.push({ check: 0, message: messageOf(v, el, r.reason), path: listPath ? r.fail : ['kind'] });
      } else if (isRecord(fe.deny)) {
        const c = conditionsMet(rec(fe.deny).conditions ?? {}, el.data, el.unknownVars);
        if (c.met) failures.push({ check: 0, message: c.message ?? messageOf(v, el, 'denied'), path: at });
      } else if (Array.isArray(fe.foreach)) {
        const r = foreach(v, fe.foreach, o, el, at);
        if (!r.skip) failures.push(...r.failures);
      }
      if (failures.length) return { skip: false, failures: failures.slice(0, 1) };
    }
  }
  return { skip: false, failures };
}

/** `request.object.spec.containers` -> the path in the object, when the list is a plain field path. */
const queryPaths = new Map<string, string[] | null>();
function pathOfQuery(expr: string, object: unknown): Path | undefined {
  let p = queryPaths.get(expr);
  if (p === undefined) {
    const m = /^\s*request\.object\.([A-Za-z0-9_.]+?)(\[\])?\s*$/.exec(expr);
    p = m ? m[1].split('.') : null;
    if (queryPaths.size >= 4096) queryPaths.clear();
    queryPaths.set(expr, p);
  }
  if (!p) return undefined;
  let cur: unknown = object;
  for (const seg of p) { cur = rec(cur)[seg]; if (cur === undefined) return undefined; }
  return p;
}

function celCheck(cel: Record<string, unknown>, o: K8sObject, env: Env): RuleOutcome {
  const spec = readCelSpec({ variables: cel.variables, validations: cel.expressions }, ['spec']);
  const act = admissionVars(o, env, paramsOf(cel, o, env));
  bindVariables(spec, act);
  const out = runCelSpec(spec, act, o.value);
  if (out.skip) return { skip: true, unknown: out.unknown };
  return { skip: false, failures: out.failures.map((f) => ({ check: f.index, message: f.message, path: f.path })), unknown: out.unknown };
}

function paramsOf(cel: Record<string, unknown>, o: K8sObject, env: Env): unknown {
  const kind = rec(cel.paramKind);
  const ref = rec(cel.paramRef);
  if (!kind.kind || typeof ref.name !== 'string') return undefined;
  const hit = env.objects.find((x) => x.kind === kind.kind && x.name === ref.name && (!ref.namespace || (x.namespace ?? 'default') === ref.namespace));
  return hit?.value;
}


function podSecurity(ps: Record<string, unknown>, v: Record<string, unknown>, o: K8sObject, ctx: Ctx, pss?: PodSecurityCheck): RuleOutcome {
  const level = ps.level === 'restricted' ? 'restricted' : ps.level === 'baseline' ? 'baseline' : undefined;
  if (!level) return { skip: false, failures: [] };
  if (!pss) return { skip: true, unknown: 'podSecurity needs the Pod Security Standards rules' };
  // an exclusion by control name; one narrowed to images or fields still excludes the whole control here
  const excluded = arr(ps.exclude).map((e) => String(rec(e).controlName ?? ''));
  const fail = pss(level, excluded, o);
  if (!fail) return { skip: false, failures: [] };
  const msg = messageOf(v, ctx, '');
  return { skip: false, failures: [{ check: 0, message: msg ? `${msg} (${fail.message})` : fail.message, path: fail.path }] };
}
