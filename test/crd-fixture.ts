/**
 * The test CRD `widgets.example.com` (kind Widget, namespaced, one version v1), whose `spec` schema the test
 * gives: `properties` are the lines under `spec.properties` as written at their depth (`size: {type: integer}`),
 * `required` the line before them (`[size]`). Tests that assert line numbers count from this text: the CRD
 * takes 19 lines plus one per property (plus one for `required`).
 */
export function widgetCrd(properties: ReadonlyArray<string>, opts: { required?: ReadonlyArray<string> } = {}): string {
  const pad = ' '.repeat(16);
  return `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
${opts.required ? `              required: [${opts.required.join(', ')}]\n` : ''}              properties:
${properties.map((p) => `${pad}${p}\n`).join('')}`;
}
