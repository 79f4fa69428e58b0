// Expands a VS Code snippet body the way accepting it without typing anything would: every tab stop
// gets its default (`${1:x}` → x, `${1|a,b|}` → a, a bare `$1` mirrors placeholder 1's default, `$0`
// → nothing), variables come from `vars` (unknown ones become their own name, as VS Code does).
// Transforms (`${1/re/fmt/}`) are rejected: none of our snippets uses one, so a new one should be noticed.

type SnippetNode =
  | { t: 'text'; v: string }
  | { t: 'tab'; n: number; children?: SnippetNode[] }
  | { t: 'choice'; n: number; options: string[] }
  | { t: 'var'; name: string; children?: SnippetNode[] };

export function expandSnippet(body: string | string[], vars: Record<string, string> = {}): string {
  const text = Array.isArray(body) ? body.join('\n') : body;
  const [nodes, end] = parseSeq(text, 0, false);
  if (end !== text.length) throw new Error(`snippet: unexpected "}" at ${end}`);
  const defaults = collectDefaults(nodes);
  const resolving = new Set<number>();
  const valueOf = (n: number): string => {
    const d = defaults.get(n);
    if (!d) return '';
    if (resolving.has(n)) throw new Error(`snippet: placeholder $${n} refers to itself`);
    resolving.add(n);
    const v = d.kind === 'choice' ? d.first : render(d.children);
    resolving.delete(n);
    return v;
  };
  const render = (list: SnippetNode[]): string =>
    list
      .map((node) => {
        switch (node.t) {
          case 'text':
            return node.v;
          case 'tab':
            return node.children ? render(node.children) : valueOf(node.n);
          case 'choice':
            return node.options[0];
          case 'var':
            return vars[node.name] ?? (node.children ? render(node.children) : node.name);
        }
      })
      .join('');
  return render(nodes);
}

type Default = { kind: 'choice'; first: string } | { kind: 'placeholder'; children: SnippetNode[] };

/** The first placeholder or choice of each number gives the value every mirror of it shows. */
function collectDefaults(nodes: SnippetNode[], out = new Map<number, Default>()): Map<number, Default> {
  for (const node of nodes) {
    if (node.t === 'choice' && !out.has(node.n)) out.set(node.n, { kind: 'choice', first: node.options[0] });
    if ((node.t === 'tab' || node.t === 'var') && node.children) {
      if (node.t === 'tab' && !out.has(node.n)) out.set(node.n, { kind: 'placeholder', children: node.children });
      collectDefaults(node.children, out);
    }
  }
  return out;
}

/** Parses until the end, or until an unescaped `}` when inside a placeholder. Returns nodes and the stop index. */
function parseSeq(s: string, i: number, inPlaceholder: boolean): [SnippetNode[], number] {
  const nodes: SnippetNode[] = [];
  let text = '';
  const flush = () => {
    if (text) nodes.push({ t: 'text', v: text });
    text = '';
  };
  while (i < s.length) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length && '$}\\'.includes(s[i + 1])) {
      text += s[i + 1];
      i += 2;
    } else if (inPlaceholder && c === '}') {
      break;
    } else if (c === '$') {
      const parsed = parseDollar(s, i);
      if (!parsed) {
        text += c;
        i++;
        continue;
      }
      flush();
      nodes.push(parsed[0]);
      i = parsed[1];
    } else {
      text += c;
      i++;
    }
  }
  flush();
  return [nodes, i];
}

function parseDollar(s: string, i: number): [SnippetNode, number] | undefined {
  const simple = /^\$(?:(\d+)|([_a-zA-Z][_a-zA-Z0-9]*))/.exec(s.slice(i));
  if (simple) {
    const node: SnippetNode = simple[1] !== undefined ? { t: 'tab', n: Number(simple[1]) } : { t: 'var', name: simple[2] };
    return [node, i + simple[0].length];
  }
  const head = /^\$\{(?:(\d+)|([_a-zA-Z][_a-zA-Z0-9]*))([:|}/])?/.exec(s.slice(i));
  if (!head || !head[3]) return undefined;
  const n = head[1] !== undefined ? Number(head[1]) : undefined;
  let j = i + head[0].length;
  switch (head[3]) {
    case '}':
      return [n !== undefined ? { t: 'tab', n } : { t: 'var', name: head[2] }, j];
    case ':': {
      const [children, end] = parseSeq(s, j, true);
      if (s[end] !== '}') throw new Error(`snippet: unclosed placeholder at ${i}`);
      return [n !== undefined ? { t: 'tab', n, children } : { t: 'var', name: head[2], children }, end + 1];
    }
    case '|': {
      if (n === undefined) throw new Error(`snippet: a choice needs a number, at ${i}`);
      const options: string[] = [];
      let cur = '';
      for (; j < s.length; j++) {
        if (s[j] === '\\' && ',|\\$}'.includes(s[j + 1] ?? '')) cur += s[++j];
        else if (s[j] === ',') {
          options.push(cur);
          cur = '';
        }
        else if (s[j] === '|' && s[j + 1] === '}') {
          options.push(cur);
          return [{ t: 'choice', n, options }, j + 2];
        } else cur += s[j];
      }
      throw new Error(`snippet: unclosed choice at ${i}`);
    }
    default:
      throw new Error(`snippet: transforms are not supported (at ${i})`);
  }
}
