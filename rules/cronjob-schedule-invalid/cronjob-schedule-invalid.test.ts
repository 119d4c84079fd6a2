import * as assert from 'node:assert/strict';
import rule, { scheduleProblem } from '.';
import { ruleTester } from '../../test/rule-tester';

const cron = (schedule: string) => `apiVersion: batch/v1
kind: CronJob
metadata:
  name: backup
spec:
  schedule: ${schedule}
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: backup
              image: example/backup:1.0
`;

describe('cronjob-schedule-invalid: schedules', () => {
  it('accepts what the API server accepts', () => {
    for (const s of ['*/5 * * * *', '30 2 * * 1-5', '0 0 1,15 * *', '0 9-17/2 * JAN-mar MON', '? * * * ?', '0 0 * * 0,6', '@daily', '@Hourly', '@every 1h30m', ' 0 3 * * * ']) {
      assert.equal(scheduleProblem(s), undefined, s);
    }
  });
  it('refuses what it refuses, saying why', () => {
    const cases: Array<[string, RegExp]> = [
      ['0 3 * *', /has 4/],
      ['0 3 * * * *', /has 6/],
      ['60 * * * *', /minute field "60": 60 is outside 0-59/],
      ['0 24 * * *', /hour field/],
      ['0 0 0 * *', /day of month field "0"/],
      ['0 0 * 13 *', /month field/],
      ['0 0 * * 7', /day of week field "7": 7 is outside 0-6/],
      ['0 0 * * MON-FOO', /"FOO" is not a day of week value/],
      ['*/0 * * * *', /a step of 0/],
      ['5-1 * * * *', /ends before it starts/],
      ['@fortnightly', /not a schedule descriptor/],
      ['TZ=Europe/Paris 0 3 * * *', /spec.timeZone/],
      ['CRON_TZ=UTC 0 3 * * *', /spec.timeZone/],
    ];
    for (const [s, why] of cases) assert.match(scheduleProblem(s) ?? 'valid', why, s);
  });
});

ruleTester(rule, {
  valid: [
    { name: 'five fields', code: cron('"15 1 * * *"') },
    { name: 'a descriptor and spec.timeZone', code: cron('"@weekly"').replace('  jobTemplate:', '  timeZone: Europe/Paris\n  jobTemplate:') },
  ],
  invalid: [
    {
      name: 'day of week 7 (the API server takes 0-6)',
      code: cron('"0 4 * * 7"'),
      errors: [{ messageId: 'invalid', range: [5, 2, 5, 23] }],
      output: null,
    },
    {
      name: 'a time zone prefix, unquoted',
      code: cron('TZ=UTC 0 4 * * *'),
      errors: [{ messageId: 'invalid', range: [5, 2, 5, 28] }],
      output: null,
    },
  ],
});
