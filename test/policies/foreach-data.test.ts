import * as assert from 'node:assert/strict';
import { judgeUnits } from './unit-helpers';

/** Each unit's violations on the Pod: `unit-id: path message`. */
const judge = (text: string): string[] => judgeUnits(text, () => true, () => '', false);

const policy = (foreach: string) => `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: items
spec:
  validationFailureAction: Enforce
  rules:
    - name: scope
      match:
        any:
          - resources:
              kinds: [Pod]
      validate:
        message: "element {{ elementIndex }} has no scope"
        foreach:
${foreach}
---
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  items:
    - {name: a, parts: [x, y]}
    - plain
  containers:
    - name: app
      image: nginx:1.27
`;

describe('policies: Kyverno foreach, the data each element sees', () => {
  it('`@` is the element when it is a map, else what the rule itself has: never the element before', () => {
    // element 0 is a map (`@` is it); element 1 is a string: `@` is then not set
    assert.deepEqual(judge(policy(`          - list: "request.object.spec.items"
            deny:
              conditions:
                all:
                  - key: "{{ @ }}"
                    operator: Equals
                    value: null`)), ['kyverno:items/scope: spec.items.1 element 1 has no scope']);
  });

  it('in a nested foreach, a string element sees the outer element as `@`', () => {
    assert.deepEqual(judge(policy(`          - list: "request.object.spec.items[0:1]"
            foreach:
              - list: "element.parts"
                deny:
                  conditions:
                    all:
                      - key: "{{ @ }}"
                        operator: Equals
                        value: null`)), []);
    // the same nested foreach does reach each inner element: the second part denies
    const inner = judge(policy(`          - list: "request.object.spec.items[0:1]"
            foreach:
              - list: "element.parts"
                deny:
                  conditions:
                    all:
                      - key: "{{ element }}"
                        operator: Equals
                        value: y`));
    assert.deepEqual(inner.map((v) => v.replace(/: \S+ /, ': ')), ['kyverno:items/scope: element 1 has no scope']);
  });
});
