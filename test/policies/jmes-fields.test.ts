import * as assert from 'node:assert/strict';
import * as jp from '@jmespath-community/jmespath';
import { query } from '../../policies/kyverno/jmes';

describe('policies: Kyverno variables that are plain field paths', () => {
  it('read what the JMESPath interpreter reads: maps only, a missing or null field is null', () => {
    const data = {
      request: { object: { spec: { containers: [{ name: 'a' }], n: 0, f: false, e: '', z: null }, constructor: 1 }, operation: 'CREATE' },
      a: [1, 2], s: 'str', element: { name: 'x' }, let: 3, in: { x: 1 }, _u: { v: 2 },
    };
    const exprs = ['request', 'request.object.spec.containers', 'request.object.spec.n', 'request.object.spec.f', 'request.object.spec.e',
      'request.object.spec.z', 'request.object.spec.z.q', 'request.object.missing.x', 'a', 'a.b', 's.length', 'element.name', 'constructor',
      'request.object.constructor', 'let', 'in.x', '_u.v', 'true', 'null', 'request.object.spec.containers.name', ' request.operation '];
    for (const e of exprs) {
      let want: unknown;
      try { want = jp.TreeInterpreter.search(jp.compile(e.trim()), data as never); } catch { want = 'error'; }
      let got: unknown;
      try { got = query(e, data); } catch { got = 'error'; }
      assert.deepEqual(got, want, e);
    }
    assert.deepEqual(query('request.object.spec.containers', data), [{ name: 'a' }]);
    assert.equal(query('request.object.spec.z.q', data), null);
    assert.equal(query('a.b', data), null);
  });
});
