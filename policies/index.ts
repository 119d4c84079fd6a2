export * from './cel';
export * from './types';
export { loadPolicies, makeEnv, evaluateUnit, evaluationStats, isPolicyObject, policyFileProblems, mayJudgeKind, unitsFor, type LoadedPolicies } from './load';
export { policyRules, envOf, NOT_EVALUATED } from './rules';
export { podSecurityCheck, type PodSecurityCheck } from './pod-security';
export { readExternal, emptyExternal, parseServiceAccount, readStandInText, standInsOf, type External, type UserInfo, type StandInError, type StandInRead } from './external';
