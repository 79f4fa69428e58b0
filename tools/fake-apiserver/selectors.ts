// Label and field selectors as the apiserver parses them. A malformed selector is a 400 BadRequest
// with a message, never a crash.

export type Matcher = (obj: { metadata: { labels?: Record<string, string>; namespace?: string } } & Record<string, unknown>) => boolean;

export class SelectorError extends Error {}

/** Split on commas that are not inside `in (...)` parentheses. */
function splitTerms(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((t) => t.trim()).filter((t) => t !== '');
}

const LABEL_KEY = /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?\/)?[a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?$/;

export function parseLabelSelector(selector: string | undefined): Matcher {
  if (!selector) return () => true;
  const tests = splitTerms(selector).map((term): ((l: Record<string, string>) => boolean) => {
    let m = /^([^!=\s]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term);
    if (m) {
      const [, k, op, list] = m;
      checkKey(k, selector);
      const values = list.split(',').map((v) => v.trim()).filter(Boolean);
      return op === 'in' ? (l) => k in l && values.includes(l[k]) : (l) => !(k in l) || !values.includes(l[k]);
    }
    m = /^([^!=\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(term);
    if (m) {
      const [, k, op, v] = m;
      checkKey(k, selector);
      return op === '!=' ? (l) => l[k] !== v : (l) => l[k] === v;
    }
    m = /^(!?)([^!=\s()]+)$/.exec(term);
    if (m) {
      const [, not, k] = m;
      checkKey(k, selector);
      return not ? (l) => !(k in l) : (l) => k in l;
    }
    throw new SelectorError(`unable to parse requirement: found '${term}', expected: in, notin, =, ==, !=, gt, lt`);
  });
  return (obj) => tests.every((t) => t(obj.metadata.labels ?? {}));
}

function checkKey(k: string, selector: string): void {
  if (!LABEL_KEY.test(k)) throw new SelectorError(`unable to parse requirement: invalid label key "${k}" in selector "${selector}"`);
}

/** Fields the fake supports, per resource. The real apiserver has a per-kind list too. */
const FIELDS: Record<string, (o: any) => string | undefined> = {
  'metadata.name': (o) => o.metadata?.name,
  'metadata.namespace': (o) => o.metadata?.namespace,
  type: (o) => o.type,
  'status.phase': (o) => o.status?.phase,
  'spec.nodeName': (o) => o.spec?.nodeName ?? '',
  'spec.serviceAccountName': (o) => o.spec?.serviceAccountName,
};

export function parseFieldSelector(selector: string | undefined, kindForMessage: string): Matcher {
  if (!selector) return () => true;
  const tests = splitTerms(selector).map((term) => {
    const m = /^([^!=\s]+)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (!m) throw new SelectorError(`invalid selector: '${selector}'; can't understand '${term}'`);
    const [, field, op, value] = m;
    const get = FIELDS[field];
    if (!get) throw new SelectorError(`"${field}" is not a known field selector: only "metadata.name", "metadata.namespace"`);
    if (field === 'type' && kindForMessage !== 'Secret') {
      throw new SelectorError(`field label not supported: ${field}`);
    }
    return op === '!=' ? (o: unknown) => get(o) !== value : (o: unknown) => get(o) === value;
  });
  return (obj) => tests.every((t) => t(obj));
}
