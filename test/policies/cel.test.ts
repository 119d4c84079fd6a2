import * as assert from 'node:assert/strict';
import { compile, evalCel, fromJson, toJson, Vars, type EvalResult } from '../../policies';

const object = {
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', labels: { env: 'prod' } },
  spec: { replicas: 3, template: { spec: { containers: [{ name: 'a', image: 'nginx:1.27' }, { name: 'b', image: 'x/y:latest', securityContext: { privileged: true } }] } } },
};
const vars = () => new Vars().set('object', fromJson(object)).set('params', fromJson({ max: 5, names: ['a', 'b'] }));

function value(src: string): unknown {
  const r: EvalResult = evalCel(src, vars());
  if (!('value' in r)) assert.fail(`${src}: ${JSON.stringify(r)}`);
  return toJson(r.value);
}

describe('CEL interpreter', () => {
  const cases: [string, unknown][] = [
    ['1 + 2 * 3', 7],
    ['7 / 2', 3],
    ['-7 % 3', -1],
    ['7.0 / 2.0', 3.5],
    ['1u + 2u', 3],
    ['1 == 1.0', true],
    ['1 == 1u', true],
    ['[1, 2] == [1, 2.0]', true],
    ['{"a": 1}.a', 1],
    ["'abc' + 'def'", 'abcdef'],
    ["size('héllo')", 5],
    ['string(1.5)', '1.5'],
    ['string(-9223372036854775808)', '-9223372036854775808'],
    ["int('-12')", -12],
    ["double('2.5')", 2.5],
    ["type(1) == int && type('') == string", true],
    ['object.spec.replicas <= params.max', true],
    ['object.spec.template.spec.containers.map(c, c.name).join(",")', 'a,b'],
    ["object.spec.template.spec.containers.all(c, c.image.endsWith(':latest'))", false],
    ["object.spec.template.spec.containers.exists(c, c.?securityContext.?privileged.orValue(false))", true],
    ["object.spec.template.spec.containers.exists_one(c, has(c.securityContext))", true],
    ["object.spec.template.spec.containers.filter(c, c.name in params.names).size()", 2],
    ['[1, 2, 3].map(x, x > 1, x * 10)', [20, 30]],
    ["object.metadata.?labels[?'team'].orValue('none')", 'none'],
    ["object.metadata.labels['env']", 'prod'],
    ['has(object.spec.paused)', false],
    ['optional.of(1).hasValue()', true],
    ['optional.none().orValue(5)', 5],
    ['[?optional.none(), ?optional.of(2)]', [2]],
    ["'a,b,,c'.split(',')", ['a', 'b', '', 'c']],
    ["'Hello'.lowerAscii() + 'x'.upperAscii()", 'helloX'],
    ["'banana'.replace('a', 'o', 2)", 'bonona'],
    ["'banana'.indexOf('an')", 1],
    ["'banana'.lastIndexOf('an')", 3],
    ["'  x '.trim()", 'x'],
    ["'hello'.substring(1, 3)", 'el'],
    ["'%s has %d replicas'.format(['web', 3])", 'web has 3 replicas'],
    ["'registry.k8s.io/pause:3.9'.matches('^registry\\\\.k8s\\\\.io/')", true],
    ["'abc123def'.find('[0-9]+')", '123'],
    ["'a1b22'.findAll('[0-9]+')", ['1', '22']],
    ['[3, 1, 2].sort()', [1, 2, 3]],
    ['[1, 2, 3].sum()', 6],
    ['[1, 2, 3].isSorted()', true],
    ['[[1], [2, 3]].flatten()', [1, 2, 3]],
    ["quantity('1Gi').isGreaterThan(quantity('1000Mi'))", true],
    ["quantity('500m').asApproximateFloat()", 0.5],
    ["quantity('1.5').isInteger()", false],
    ["url('https://example.com:8443/a?b=1').getPort()", '8443'],
    ["cidr('10.0.0.0/8').containsIP(ip('10.1.2.3'))", true],
    ["isIP('::1') && ip('::1').isLoopback()", true],
    ["semver('1.2.3').isLessThan(semver('1.10.0'))", true],
    ["duration('1h30m') > duration('90m')", false],
    ["timestamp('2024-01-02T03:04:05Z').getFullYear()", 2024],
    ['true || 1 / 0 == 1', true],
    ['1 / 0 == 1 || true', true],
    ['false && 1 / 0 == 1', false],
    ['1 / 0 == 1 && false', false],
    ['[0, 1].exists(x, 1 / x == 1)', true],
    ['math.greatest(1, 5, 3)', 5],
    ["sets.contains(['a', 'b'], ['b'])", true],
  ];
  for (const [src, want] of cases) it(`${src} = ${JSON.stringify(want)}`, () => assert.deepEqual(value(src), want));

  it('reports errors that && and || cannot absorb', () => {
    assert.deepEqual(evalCel('true && 1 / 0 == 1', vars()), { error: 'division by zero', pos: 8 });
    assert.deepEqual(evalCel('object.spec.missing', vars()), { error: 'no such key: missing', pos: 0 });
    assert.deepEqual(evalCel('9223372036854775807 + 1', vars()), { error: 'integer overflow', pos: undefined });
    assert.deepEqual(evalCel("int('x')", vars()), { error: "int() cannot parse 'x'", pos: 0 });
  });

  it('treats the authorizer and cluster lookups as unknown, not as passed', () => {
    assert.deepEqual(evalCel("authorizer.group('apps').resource('deployments').check('create').allowed()", vars()), { unknown: 'authorizer checks need the live API server' });
    assert.deepEqual(evalCel("false || authorizer.serviceAccount('a', 'b').check('get').allowed()", vars()), { unknown: 'authorizer.serviceAccount() reads the live cluster' });
  });

  it('stops a runaway expression at the step budget', () => {
    const r = evalCel('[1,2,3,4,5,6,7,8,9,10].all(a, [1,2,3,4,5,6,7,8,9,10].all(b, [1,2,3,4,5,6,7,8,9,10].all(c, a + b + c > 0)))', vars(), 500);
    assert.deepEqual(r, { error: 'evaluation exceeded its budget of 500 steps' });
  });

  it('gives syntax errors with their position', () => {
    assert.deepEqual(compile('object.spec.replicas <= '), { error: { message: 'unexpected end of expression', start: 24, end: 25 } });
    assert.deepEqual(compile("object.spec.x == 'a"), { error: { message: 'unterminated string', start: 17, end: 19 } });
    assert.deepEqual(compile('has(object)'), { error: { message: 'has() needs a field selection, e.g. has(object.spec)', start: 0, end: 11 } });
  });
});
