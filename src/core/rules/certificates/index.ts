import type { Rule } from '../rule';

export const certificateRules: Rule[] = [];
