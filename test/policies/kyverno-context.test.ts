import * as assert from 'node:assert/strict';
import { judgeUnits } from './unit-helpers';

/** Each unit on each Pod, in the units' order: `unit-id on name: path message`, or `unknown …`. */
const judge = (text: string): string[] => judgeUnits(text, (o) => o.kind === 'Pod', (o) => ` on ${o.name}`, true);

const POD = (name: string, image: string) => `---
apiVersion: v1
kind: Pod
metadata: {name: ${name}}
spec:
  containers:
    - {name: app, image: ${image}}
`;

describe('policies: the data a Kyverno rule reads', () => {
  it('a variable one rule sets is never seen by the next rule on the same object (each writer has its own data)', () => {
    const text = `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata: {name: ctx}
spec:
  validationFailureAction: Enforce
  rules:
    - name: writer
      match: {any: [{resources: {kinds: [Pod]}}]}
      context:
        - name: team
          variable: {value: blue}
      validate:
        message: "team {{ team }} for {{ request.object.metadata.name }}"
        deny:
          conditions:
            all:
              - {key: "{{ team }}", operator: Equals, value: blue}
    - name: reader
      match: {any: [{resources: {kinds: [Pod]}}]}
      validate:
        message: "reader saw {{ team }}"
        deny:
          conditions:
            all:
              - {key: "{{ team }}", operator: Equals, value: blue}
    - name: writer-again
      match: {any: [{resources: {kinds: [Pod]}}]}
      context:
        - name: colour
          variable: {jmesPath: "request.object.metadata.name"}
      validate:
        message: "colour {{ colour }}, team {{ team || 'none' }}"
        deny:
          conditions:
            all:
              - {key: "{{ colour }}", operator: Equals, value: a}
${POD('a', 'nginx:1.27')}${POD('b', 'nginx:1.27')}`;
    assert.deepEqual(judge(text), [
      'kyverno:ctx/writer on a: kind team blue for a',
      'kyverno:ctx/writer on b: kind team blue for b',
      'kyverno:ctx/reader on a: unknown rule error: variable team is not defined',
      'kyverno:ctx/reader on b: unknown rule error: variable team is not defined',
      'kyverno:ctx/writer-again on a: kind colour a, team none',
    ]);
  });

  it('`images` is read on demand, the same for rules with and without context entries and inside foreach', () => {
    const text = `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata: {name: img}
spec:
  validationFailureAction: Enforce
  rules:
    - name: plain
      match: {any: [{resources: {kinds: [Pod]}}]}
      validate:
        message: "tag {{ images.containers.app.tag }} of {{ images.containers.app.registry }}/{{ images.containers.app.path }}"
        deny:
          conditions:
            all:
              - {key: "{{ images.containers.app.tag }}", operator: Equals, value: latest}
    - name: with-context
      match: {any: [{resources: {kinds: [Pod]}}]}
      context:
        - name: tags
          variable: {jmesPath: "images.containers.*.tag"}
      validate:
        message: "tags {{ tags }}"
        deny:
          conditions:
            all:
              - {key: latest, operator: AnyIn, value: "{{ tags }}"}
    - name: each
      match: {any: [{resources: {kinds: [Pod]}}]}
      validate:
        message: "element {{ elementIndex }} uses {{ images.containers.app.name }}"
        foreach:
          - list: "request.object.spec.containers"
            deny:
              conditions:
                all:
                  - {key: "{{ images.containers.\\"{{ element.name }}\\".tag }}", operator: Equals, value: latest}
${POD('latest', 'nginx')}${POD('pinned', 'registry.example.com/team/app:1.2')}`;
    assert.deepEqual(judge(text), [
      'kyverno:img/plain on latest: kind tag latest of docker.io/library/nginx',
      'kyverno:img/with-context on latest: kind tags ["latest"]',
      'kyverno:img/each on latest: spec.containers.0 element 0 uses nginx',
    ]);
  });
});
