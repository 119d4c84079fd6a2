import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: "safe sysctls, including those added in 1.29, 1.32 and 1.37", code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    sysctls:
      - {name: net.ipv4.ip_local_port_range, value: "1024 65000"}
      - {name: net.ipv4.tcp_keepalive_time, value: "600"}
      - {name: net.ipv4.tcp_rmem, value: "4096 87380 6291456"}
      - {name: net.ipv4.tcp_slow_start_after_idle, value: "0"}
      - {name: net.ipv4.tcp_notsent_lowat, value: "16384"}
  containers:
    - name: app
      image: nginx:1.27
` },
    { name: "sysctls the nodes allow on purpose (option, exact and prefix, slash separators)", code: `apiVersion: v1
kind: Pod
metadata:
  name: queue
spec:
  securityContext:
    sysctls:
      - {name: net.core.somaxconn, value: "4096"}
      - {name: kernel/msgmax, value: "65536"}
  containers:
    - name: mq
      image: rabbitmq:3.13
`, options: {"allowedUnsafeSysctls":["net.core.somaxconn","kernel.msg*"]} },
  ],
  invalid: [
    {
      name: "Deployment with one unsafe sysctl among safe ones",
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: cache
spec:
  template:
    spec:
      securityContext:
        sysctls:
          - name: net.ipv4.tcp_syncookies
            value: "1"
          - name: kernel.shm_rmid_forced
            value: "1"
          - name: net.core.somaxconn # not namespaced-safe
            value: "4096"
      containers:
        - name: redis
          image: redis:7.4
`,
      errors: [
        { messageId: 'unsafe', range: [13, 12, 13, 36] },
      ],
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: cache
spec:
  template:
    spec:
      securityContext:
        sysctls:
          - name: net.ipv4.tcp_syncookies
            value: "1"
          - name: kernel.shm_rmid_forced
            value: "1"
      containers:
        - name: redis
          image: redis:7.4
`,
    },
    {
      name: "the only sysctl of a Pod",
      code: `apiVersion: v1
kind: Pod
metadata:
  name: tuned
spec:
  securityContext:
    sysctls:
      - name: vm.max_map_count
        value: "262144"
  containers:
    - name: search
      image: opensearch:2.15
`,
      errors: [
        { messageId: 'unsafe', range: [7, 8, 7, 30] },
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: tuned
spec:
  securityContext:
    sysctls:
  containers:
    - name: search
      image: opensearch:2.15
`,
    },
    {
      name: "two unsafe sysctls around a safe one, flow style",
      code: `apiVersion: v1
kind: Pod
metadata:
  name: cache
spec:
  securityContext:
    sysctls:
      - {name: kernel.msgmax, value: "65536"}
      - {name: net.ipv4.tcp_syncookies, value: "1"}
      - {name: net.core.somaxconn, value: "4096"}
  containers:
    - name: redis
      image: redis:7.4
`,
      errors: [
        { messageId: 'unsafe', range: [7, 9, 7, 28] },
        { messageId: 'unsafe', range: [9, 9, 9, 33] },
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: cache
spec:
  securityContext:
    sysctls:
      - {name: net.ipv4.tcp_syncookies, value: "1"}
  containers:
    - name: redis
      image: redis:7.4
`,
    },
    {
      name: "an allow-list option does not cover other sysctls",
      code: `apiVersion: v1
kind: Pod
metadata:
  name: queue
spec:
  securityContext:
    sysctls:
      - {name: kernel.msgmax, value: "65536"}
      - {name: kernel.sem, value: "250 32000 100 128"}
  containers:
    - name: mq
      image: rabbitmq:3.13
`,
      options: {"allowedUnsafeSysctls":["kernel.msg*"]},
      errors: [
        { messageId: 'unsafe', range: [8, 9, 8, 25] },
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: queue
spec:
  securityContext:
    sysctls:
      - {name: kernel.msgmax, value: "65536"}
  containers:
    - name: mq
      image: rabbitmq:3.13
`,
    },
    {
      name: "kubernetesVersion 1.28: tcp_keepalive_time (1.29) is not safe yet, ip_local_reserved_ports (1.27) is",
      code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    sysctls:
      - {name: net.ipv4.ip_local_reserved_ports, value: "30000"}
      - {name: net.ipv4.tcp_keepalive_time, value: "600"}
  containers:
    - name: app
      image: nginx:1.27
`,
      options: {"kubernetesVersion":"1.28"},
      errors: [
        { messageId: 'unsafe', range: [8, 9, 8, 42] },
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    sysctls:
      - {name: net.ipv4.ip_local_reserved_ports, value: "30000"}
  containers:
    - name: app
      image: nginx:1.27
`,
    },
  ],
});
