import type { Rule } from '../rule';

export const workloadRules: Rule[] = [];
