import type { Rule } from '../rule';

export const clusterRules: Rule[] = [];
