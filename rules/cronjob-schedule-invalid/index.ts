import { defineRule, isRecord } from '../../engine';

/**
 * CronJob schedules as the API server validates them: five fields (minute, hour, day of month, month, day of
 * week) or a descriptor (`@daily`, `@every 1h30m`, …); no `TZ=`/`CRON_TZ=` prefix (the `timeZone` field
 * replaced it). Each field is `*` or `?`, a value, a range `a-b`, any of these with a step `/n`, or a comma list.
 */
const FIELDS: ReadonlyArray<{ name: string; min: number; max: number; names?: ReadonlyArray<string> }> = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] },
  { name: 'day of week', min: 0, max: 6, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
];

const DESCRIPTORS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);
/** A Go duration (`@every 1h30m`, `@every 90s`). */
const EVERY = /^@every\s+(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/;

/** Why the schedule is invalid, or undefined when it is valid. */
export function scheduleProblem(schedule: string): string | undefined {
  const s = schedule.trim();
  if (/^(?:CRON_)?TZ=/.test(s)) return 'a time zone in the schedule is refused; set spec.timeZone instead';
  if (s.startsWith('@')) return DESCRIPTORS.has(s.toLowerCase()) || EVERY.test(s) ? undefined : `"${s}" is not a schedule descriptor`;
  const parts = s.split(/\s+/).filter(Boolean);
  if (parts.length !== 5) return `a schedule has 5 fields (minute hour day-of-month month day-of-week), this one has ${parts.length}`;
  for (let i = 0; i < 5; i++) {
    const problem = fieldProblem(parts[i], FIELDS[i]);
    if (problem) return `${FIELDS[i].name} field "${parts[i]}": ${problem}`;
  }
  return undefined;
}

function fieldProblem(field: string, f: (typeof FIELDS)[number]): string | undefined {
  for (const item of field.split(',')) {
    const [range, step, extra] = item.split('/');
    if (extra !== undefined) return 'more than one "/"';
    if (step !== undefined && !/^\d+$/.test(step)) return `step "${step}" is not a number`;
    if (step !== undefined && Number(step) === 0) return 'a step of 0';
    if (range === '*' || range === '?') continue;
    const ends = range.split('-');
    if (ends.length > 2) return `"${range}" is not a range`;
    const values: number[] = [];
    for (const e of ends) {
      const v = valueOf(e, f);
      if (v === undefined) return `"${e}" is not a ${f.name} value`;
      if (v < f.min || v > f.max) return `${v} is outside ${f.min}-${f.max}`;
      values.push(v);
    }
    if (values.length === 2 && values[0] > values[1]) return `range ${range} ends before it starts`;
  }
  return undefined;
}

function valueOf(e: string, f: (typeof FIELDS)[number]): number | undefined {
  if (/^\d+$/.test(e)) return Number(e);
  const i = f.names?.indexOf(e.toLowerCase()) ?? -1;
  if (i < 0) return undefined;
  return f.min + i;
}

export default defineRule({
  meta: {
    id: 'cronjob-schedule-invalid',
    title: 'CronJob schedule is not valid',
    category: 'core',
    goals: ['availability', 'utility'],
    severity: 'error',
    appliesTo: ['CronJob'],
    profiles: ['recommended'],
    layer: 'orchestrator',
    docs: {
      summary: 'The API server refuses a CronJob whose schedule it cannot parse, so the job, and whatever backup or clean-up it does, never runs.',
      recipe: 'Write five fields, `minute hour day-of-month month day-of-week` (e.g. `30 2 * * 1-5`), or a descriptor such as `@daily`; set the time zone in `spec.timeZone`.',
    },
    peers: {
      datree: ['CRONJOB_INVALID_SCHEDULE_VALUE'],
    },
    messages: {
      invalid: '{{kind}} {{name}}: the schedule "{{schedule}}" is refused by the API server: {{problem}}.',
    },
  },
  check(ctx) {
    const spec = ctx.object.value.spec;
    if (!isRecord(spec) || typeof spec.schedule !== 'string') return;
    const problem = scheduleProblem(spec.schedule);
    if (problem) ctx.report({ messageId: 'invalid', data: { schedule: spec.schedule, problem }, path: ['spec', 'schedule'] });
  },
});
