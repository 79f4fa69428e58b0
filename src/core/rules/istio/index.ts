import type { Rule } from '../rule';

export const istioRules: Rule[] = [];
