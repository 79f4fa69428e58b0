import type { Rule } from '../rule';

export const spiffeRules: Rule[] = [];
