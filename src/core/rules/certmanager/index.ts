import type { Rule } from '../rule';

export const certManagerRules: Rule[] = [];
