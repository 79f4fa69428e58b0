import type { Rule } from '../rule';

export const linkerdRules: Rule[] = [];
