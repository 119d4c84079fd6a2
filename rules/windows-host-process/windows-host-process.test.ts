import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: "hostProcess false and other Windows options", code: `apiVersion: v1
kind: Pod
metadata:
  name: win
spec:
  os: {name: windows}
  securityContext:
    windowsOptions:
      runAsUserName: ContainerUser
  containers:
    - name: app
      image: mcr.microsoft.com/windows/nanoserver:ltsc2022
      securityContext:
        windowsOptions: {hostProcess: false}
` },
  ],
  invalid: [
    {
      name: "DaemonSet: pod level and a container (YAML 1.1 yes)",
      code: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent
spec:
  selector:
    matchLabels: {app: node-agent}
  template:
    metadata:
      labels: {app: node-agent}
    spec:
      hostNetwork: true
      securityContext:
        windowsOptions:
          hostProcess: true
          runAsUserName: "NT AUTHORITY\\\\SYSTEM"
      containers:
        - name: agent
          image: example.com/agent:1.0
          securityContext:
            windowsOptions: {hostProcess: yes}
`,
      errors: [
        { messageId: 'pod', range: [14, 10, 14, 27] },
        { messageId: 'container', range: [20, 29, 20, 45] },
      ],
      output: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent
spec:
  selector:
    matchLabels: {app: node-agent}
  template:
    metadata:
      labels: {app: node-agent}
    spec:
      hostNetwork: true
      securityContext:
        windowsOptions:
          hostProcess: false
          runAsUserName: "NT AUTHORITY\\\\SYSTEM"
      containers:
        - name: agent
          image: example.com/agent:1.0
          securityContext:
            windowsOptions: {hostProcess: false}
`,
    },
  ],
});
