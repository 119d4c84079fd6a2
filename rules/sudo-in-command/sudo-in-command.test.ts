import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'no sudo; a word that only contains it', code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: a
      image: example/tools:1.0
      command: ["/app/run", "--pseudo-mode", "sudoku"]
` },
  ],
  invalid: [
    {
      name: 'sudo inside a shell script in args',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: tools
spec:
  containers:
    - name: app
      image: example/tools:1.0
      command: ["/bin/sh", "-c"]
      args:
        - echo start && sudo chown app /data && exec /app/run
`,
      errors: [
        { messageId: 'sudo', range: [10, 10, 10, 61] },
      ],
      output: null,
    },
  ],
});
