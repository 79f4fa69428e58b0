// "Did you mean" suggestions: the closest candidate by edit distance, if it is close enough to be a typo.

/**
 * Answers survive index versions (a keystroke elsewhere does not change them), keyed by the word and a
 * caller-supplied signature of the candidate set; bounded so it cannot grow without limit.
 */
const memo = new Map<string, string | undefined>();
const MEMO_LIMIT = 20_000;

export function closestMemo(word: string, candidates: Iterable<string>, signature: string): string | undefined {
  const key = `${signature}\u0000${word}`;
  if (memo.has(key)) return memo.get(key);
  const answer = closest(word, candidates);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, answer);
  return answer;
}

export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDist = Infinity;
  const limit = Math.max(2, Math.floor(word.length / 3));
  const lower = word.toLowerCase();
  for (const c of candidates) {
    if (c === word) continue;
    // The length difference is a lower bound of the distance: skip hopeless candidates cheaply.
    if (Math.abs(c.length - word.length) > Math.min(limit, bestDist)) continue;
    const d = editDistance(lower, c.toLowerCase());
    if (d < bestDist || (d === bestDist && best !== undefined && c < best)) {
      best = c;
      bestDist = d;
    }
  }
  return bestDist <= limit ? best : undefined;
}

export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}
