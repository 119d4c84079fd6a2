export * from './cel';
export * from './types';
export { loadPolicies, makeEnv, evaluateUnit, isPolicyObject, type LoadedPolicies } from './load';
export { policyRules, envOf, NOT_EVALUATED } from './rules';
export { podSecurityCheck, type PodSecurityCheck } from './pod-security';
export { readExternal, emptyExternal, parseServiceAccount, type External, type UserInfo } from './external';
