// Billion-laughs style alias bombs: `width` aliases per level, `depth` levels, so the fully expanded
// document has width^depth leaves. Every generated bomb expands past the 100-alias limit.
import fc from 'fast-check';

export function aliasBomb(width: number, depth: number, wrapped: boolean): string {
  const lines = ['a0: &a0 ["lol"]'];
  for (let d = 1; d <= depth; d++) lines.push(`a${d}: &a${d} [${Array.from({ length: width }, () => `*a${d - 1}`).join(', ')}]`);
  const body = lines.join('\n');
  // wrapped: inside a real-looking resource, where a rule would walk the expanded value
  return wrapped
    ? `apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: bomb\n  labels: {}\nspec:\n  selector:\n    matchLabels: {app: x}\n  x-bomb:\n${body.split('\n').map((l) => `    ${l}`).join('\n')}\n`
    : `${body}\nkind: ConfigMap\napiVersion: v1\nmetadata: {name: bomb}\n`;
}

export const aliasBombArb = fc
  .record({ width: fc.integer({ min: 2, max: 12 }), depth: fc.integer({ min: 3, max: 12 }), wrapped: fc.boolean() })
  .filter(({ width, depth }) => width * depth > 100 || width ** depth > 100)
  .map((b) => ({ ...b, text: aliasBomb(b.width, b.depth, b.wrapped) }));
