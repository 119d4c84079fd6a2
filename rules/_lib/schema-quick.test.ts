import * as assert from 'node:assert/strict';
import { inspect } from 'node:util';
import Ajv from 'ajv';
import { RuleContext, lintText, makeRuleSet, mayHoldPair, objectsOf, parseManifest, type K8sObject } from '../../engine';
import { rng } from '../../test/random';
import { widgetCrd } from '../../test/crd-fixture';
import { prepareQuick, quickValid } from './schema-quick';
import { quickCustomValidation, schemaProblems } from './k8s-schema';
import ajvOptions from './schema/ajv-options.json';
import invalidFieldType from '../invalid-field-type';
import unknownField from '../unknown-field';
import missingRequiredField from '../missing-required-field';

type R = ReturnType<typeof rng>;

const NAMES = ['a', 'b', 'name', 'size', 'constructor', 'toString', 'x-y', 'é'];
const STRINGS = ['', 'a', 'ab', 'abc', 'Always', 'never', '10', '1.5', '😀', '😀😀', 'a😀', '\ud83d', 'ü', 'ABC-1', 'x'.repeat(12)];
const NUMBERS = [0, -0, 1, -1, 2, 3, 1.5, -2.5, 10, 100, 1e9, NaN, Infinity, -Infinity];
const TYPES = ['string', 'number', 'integer', 'boolean', 'null', 'object', 'array'];

function schema(r: R, depth: number): Record<string, unknown> {
  const s: Record<string, unknown> = {};
  if (r.chance(0.7)) s.type = r.chance(0.2) ? [r.pick(TYPES), r.pick(TYPES), ...(r.chance(0.3) ? ['null'] : [])] : r.pick(TYPES);
  if (r.chance(0.15)) s.enum = Array.from({ length: 1 + r.int(3) }, () => (r.chance(0.5) ? r.pick(STRINGS) : r.chance(0.7) ? r.pick(NUMBERS.filter((n) => !Number.isNaN(n))) : r.pick([null, true, false])));
  if (r.chance(0.15)) s.pattern = r.pick(['^a', 'b$', '^[a-z]+$', '\\d', '^.{2}$', '\\p{L}', '^(Always|Never)$', '😀']);
  for (const k of ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum']) if (r.chance(0.1)) s[k] = r.pick([0, 1, 2, -1, 1.5, 10]);
  for (const k of ['minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties']) if (r.chance(0.08)) s[k] = r.int(4);
  if (r.chance(0.05)) s.uniqueItems = false;
  if (depth < 3 && r.chance(0.35)) s.items = schema(r, depth + 1);
  if (depth < 3 && r.chance(0.5)) {
    const props: Record<string, unknown> = {};
    for (let i = r.int(4); i > 0; i--) props[r.pick(NAMES)] = schema(r, depth + 1);
    s.properties = props;
  }
  if (r.chance(0.2)) s.required = Array.from({ length: 1 + r.int(2) }, () => r.pick(NAMES));
  if (r.chance(0.3)) s.additionalProperties = r.chance(0.5) ? false : depth < 3 ? schema(r, depth + 1) : {};
  return s;
}

function value(r: R, depth: number): unknown {
  switch (r.int(depth > 2 ? 5 : 7)) {
    case 0: return r.pick(STRINGS);
    case 1: return r.pick(NUMBERS);
    case 2: return r.pick([true, false]);
    case 3: return null;
    case 4: return r.pick(STRINGS);
    case 5: return Array.from({ length: r.int(4) }, () => value(r, depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = r.int(4); i > 0; i--) o[r.pick(NAMES)] = value(r, depth + 1);
      return o;
    }
  }
}

describe('schema-quick: the quick validity check of custom resources', () => {
  it('gives ajv\'s verdict on random schemas and values (seeded)', function () {
    this.timeout(60000);
    const r = rng(20261207);
    let compared = 0, invalid = 0;
    for (let i = 0; i < 500; i++) {
      const s = { $schema: 'http://json-schema.org/draft-07/schema#', ...schema(r, 0) };
      const node = prepareQuick(s);
      assert.ok(node, `every generated keyword is one the check answers for: ${JSON.stringify(s)}`);
      const validate = new Ajv(ajvOptions as never).compile(s);
      for (let j = 0; j < 12; j++) {
        const v = value(r, 0);
        const want = validate(v) as boolean;
        assert.equal(quickValid(node, v), want, `schema ${inspect(s, { depth: 9 })} value ${inspect(v, { depth: 9 })}`);
        compared++;
        if (!want) invalid++;
      }
    }
    // both verdicts are well represented
    assert.ok(invalid > compared * 0.2 && invalid < compared * 0.9, `${invalid} of ${compared} invalid`);
  });

  it('answers only for the keywords it knows, with well-formed values', () => {
    for (const s of [{ multipleOf: 2 }, { uniqueItems: true }, { enum: [] }, { enum: [{ a: 1 }] }, { enum: [NaN] }, { pattern: '(' }, { pattern: 1 }, { type: 'int' }, { type: [] },
      { minimum: '1' }, { maxLength: Infinity }, { required: [1] }, { items: [{}] }, { properties: { a: 1 } }, { additionalProperties: true }, { format: 'date' }, { anyOf: [] }]) {
      assert.equal(prepareQuick(s), undefined, JSON.stringify(s));
    }
    assert.equal(prepareQuick({ properties: { a: { $schema: 'x' } } }), undefined, '$schema only at the root');
    assert.ok(prepareQuick({ $schema: 'x', type: 'object', properties: { a: { type: ['integer', 'string'] } }, additionalProperties: false }));
  });

  const CRD = widgetCrd(['size: {x-kubernetes-int-or-string: true}', 'replicas: {type: integer, minimum: 0}', 'mode: {type: string, enum: [a, b]}', 'ports: {type: array, items: {type: integer}}'], { required: ['size'] });
  const rules = [invalidFieldType, unknownField, missingRequiredField].map((rule) => ({ rule, severity: rule.meta.severity, options: {} }));
  const findings = (text: string) => lintText(text, makeRuleSet(rules)).findings.map((f) => [f.ruleId, f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character, f.message]);

  it('a valid custom resource has no findings; an invalid one gets the same findings with the quick check on and off', () => {
    const valid = `${CRD}---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: 3, replicas: 2, mode: a, ports: [80, 443]}\n`;
    assert.deepEqual(findings(valid), []);
    const bad = `${CRD}---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {replicas: -1, mode: c, ports: [80, "x"], colour: red}\n`;
    const want = [
      ['invalid-field-type', 28, 17, 28, 19, 'Widget w: "replicas" must be >= 0.'],
      ['invalid-field-type', 28, 27, 28, 28, 'Widget w: "mode" must be one of "a", "b".'],
      ['invalid-field-type', 28, 42, 28, 45, 'Widget w: "ports[1]" must be an integer, not the string "x".'],
      ['unknown-field', 28, 48, 28, 54, 'Widget w: "colour" is not a field of the Kubernetes API here; the API server drops it.'],
      ['missing-required-field', 28, 0, 28, 4, 'Widget w: "size" is required in spec but missing.'],
    ];
    assert.deepEqual(findings(bad), want);
    quickCustomValidation(false);
    try {
      assert.deepEqual(findings(bad), want);
      assert.deepEqual(findings(valid), []);
    } finally {
      quickCustomValidation(true);
    }
  });

  it('a CRD whose text cannot spell the kind is not composed to look for it; one spelling it with an escape is', () => {
    const other = CRD.replace(/widgets/g, 'gadgets').replace('kind: Widget', 'kind: Gadget');
    const o = (text: string) => lintText(text, makeRuleSet(rules));
    // the Gadget CRD comes first in the group: looking up Widget passes over it without composing it
    const res = o(`${other}---\n${CRD}---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: 1, mode: c}\n`);
    assert.deepEqual(res.findings.map((f) => [f.ruleId, f.message]), [['invalid-field-type', 'Widget w: "mode" must be one of "a", "b".']]);
    const lazy = makeRuleSet(rules);
    const parsed = parseManifest(`${other}---\n${CRD.replace('kind: Widget', 'kind: "\\x57idget"')}`, { kinds: lazy.kinds, lazy: lazy.lazy });
    const [gadget, escapedWidget] = parsed.docs.map((d) => objectsOf(d)[0]);
    assert.equal(mayHoldPair(gadget, 'kind', 'Widget'), false);
    assert.equal(mayHoldPair(gadget, 'kind', 'Gadget'), true);
    assert.equal(mayHoldPair(escapedWidget, 'kind', 'Widget'), true);
    assert.equal(mayHoldPair(escapedWidget, 'kind', 'Sprocket'), true, 'an escape could spell any word');
    assert.equal(mayHoldPair(gadget, 'kind', 'not a word'), true);
    // the kind written with an escape (`"\x57idget"`) is found: that CRD is read
    const escaped = CRD.replace('kind: Widget', 'kind: "\\x57idget"').replace('type: string, enum: [a, b]', 'type: string, enum: [a, b, c]');
    assert.deepEqual(o(`${escaped}---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: 1, mode: c}\n`).findings, []);
  });

  it('a key set to null is unset, at any depth and through an alias; a null item of an array is checked', () => {
    const cr = (spec: string) => `${CRD}---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w, creationTimestamp: null}\nspec: ${spec}\n`;
    assert.deepEqual(findings(cr('{size: 1, mode: null, replicas: null}')), []);
    assert.deepEqual(findings(cr('{size: 1, ports: [80, null]}')), [['invalid-field-type', 28, 28, 28, 32, 'Widget w: "ports[1]" must be an integer, not null.']]);
    // the null sits in a mapping that an array item shares through an alias: still unset, so no type finding
    const nested = `${CRD.replace('ports: {type: array, items: {type: integer}}', 'ports: {type: array, items: {type: integer}}\n                extra: {type: array, items: {type: object, properties: {a: {type: string}}}}')}---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nx: &x {a: null}\nspec: {size: 1, extra: [*x, {a: b}]}\n`;
    assert.deepEqual(findings(nested).filter((f) => f[0] === 'invalid-field-type'), []);
    assert.deepEqual(findings(nested.replace('[*x, {a: b}]', '[{a: 1}]')).filter((f) => f[0] === 'invalid-field-type').map((f) => f[5]), ['Widget w: "a" must be a string, not the number 1.']);
  });

  it('a CRD whose descriptions mention the kind, but that nowhere writes `kind: <the kind>`, is passed over uncomposed', () => {
    // the Gadget CRD's descriptions name Widget and even `kind: WidgetList`; it comes first in the group
    const mentioning = CRD.replace(/widgets/g, 'gadgets').replace('kind: Widget', 'kind: Gadget')
      .replace('replicas: {type: integer, minimum: 0}', 'replicas: {type: integer, minimum: 0, description: "as for a Widget (see kind: WidgetList)"}');
    const text = `${mentioning}---\n${CRD}---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: 1, mode: c}\n`;
    assert.deepEqual(findings(text), [['invalid-field-type', 53, 22, 53, 23, 'Widget w: "mode" must be one of "a", "b".']]);
    const lazy = makeRuleSet(rules);
    const first = (crd: string) => objectsOf(parseManifest(crd, { kinds: lazy.kinds, lazy: lazy.lazy }).docs[0])[0];
    const gadget = first(mentioning);
    assert.equal(mayHoldPair(gadget, 'kind', 'Widget'), false);
    assert.equal(mayHoldPair(gadget, 'kind', 'Sprocket'), false);
    assert.equal(mayHoldPair(gadget, 'kind', 'Gadget'), true);
    assert.equal(mayHoldPair(first(CRD), 'kind', 'Widget'), true);
    // every way YAML can put the pair, with things between key and value, in JSON, or through an alias, may
    const spelled = (names: string) => first(mentioning.replace('names: {kind: Gadget, plural: gadgets}', names));
    for (const names of [
      'names: {"kind" : "Widget", plural: gadgets}',
      "names: {'kind': 'Widget', plural: gadgets}",
      'names:\n    kind: !!str Widget\n    plural: gadgets',
      'names:\n    kind: !<tag:yaml.org,2002:str> Widget\n    plural: gadgets',
      'names:\n    kind: # the kind\n      Widget\n    plural: gadgets',
      'names:\n    kind: >-\n      Widget\n    plural: gadgets',
      'names:\n    ? kind\n    : Widget\n    plural: gadgets',
      'names:\n    kind: *k\n    plural: &k gadgets',
      'names: {kind: "\\x57idget", plural: gadgets}',
    ]) assert.equal(mayHoldPair(spelled(names), 'kind', 'Widget'), true, names);
    // a `*` inside a scalar is no alias; an object not read lazily may hold anything
    assert.equal(mayHoldPair(spelled('names: {kind: Gadget, plural: gadgets, x: "2 * b", y: a*b, z: &a c}'), 'kind', 'Widget'), false);
    const eager = objectsOf(parseManifest(mentioning).docs[0])[0];
    assert.equal(mayHoldPair(eager, 'kind', 'Widget'), true);
    assert.equal(mayHoldPair(gadget, 'kind', 'not a word'), true);
  });
});

// schemaProblems and RuleContext are the rule's own entry points: a direct call gives the same problems as the rules
describe('schema-quick: schemaProblems', () => {
  it('valid and invalid custom resources through schemaProblems', () => {
    const crdValue = {
      apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'things.example.com' },
      spec: { group: 'example.com', names: { kind: 'Thing', plural: 'things' }, versions: [{ name: 'v1', schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { n: { type: 'integer', multipleOf: 2 }, s: { type: 'string', maxLength: 2 } } } } } } }] },
    };
    const crd: K8sObject = { apiVersion: crdValue.apiVersion, kind: crdValue.kind, name: crdValue.metadata.name, value: crdValue, metadata: crdValue.metadata, path: [] };
    const cr = (spec: Record<string, unknown>): K8sObject => {
      const value = { apiVersion: 'example.com/v1', kind: 'Thing', metadata: { name: 't' }, spec };
      return { apiVersion: value.apiVersion, kind: value.kind, name: 't', value, metadata: value.metadata, path: [] };
    };
    const problems = (o: K8sObject) => schemaProblems(new RuleContext(o, {}, [crd, o]));
    // multipleOf is left to ajv: the schema is compiled, with the same verdicts
    assert.deepEqual(problems(cr({ n: 4, s: 'ab' })), []);
    assert.deepEqual(problems(cr({ n: 3, s: 'abc' })).map((p) => [p.type, p.path.join('.')]), [['value', 'spec.n'], ['value', 'spec.s']]);
  });
});
