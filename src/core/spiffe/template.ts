// A small checker for Go text/template syntax, enough to say where a ClusterSPIFFEID template would fail
// `template.Parse`: balanced `{{ }}`, comments, quoted strings, parenthesised pipelines, field chains,
// variables, known functions and balanced control structures (if/range/with/block/define … end). It
// does not evaluate anything. It also yields the template's pieces so callers can check the literal text.

export interface TemplateProblem {
  message: string;
  /** Offsets [start, end) in the template text. */
  start: number;
  end: number;
}

export type TemplatePiece = { kind: 'text'; text: string; start: number } | { kind: 'action'; start: number; end: number };

export interface TemplateCheck {
  problem?: TemplateProblem;
  pieces: TemplatePiece[];
}

/** Functions text/template predefines; SPIRE's controller adds none. */
const BUILTINS = new Set(['and', 'call', 'html', 'index', 'slice', 'js', 'len', 'not', 'or', 'print', 'printf', 'println', 'urlquery', 'eq', 'ge', 'gt', 'le', 'lt', 'ne']);
const OPENERS = new Set(['if', 'range', 'with', 'block', 'define']);
const LITERALS = new Set(['true', 'false', 'nil']);

type Tok = { t: 'field' | 'var' | 'ident' | 'string' | 'number' | 'char' | '(' | ')' | '|' | ':=' | '=' | ','; text: string; start: number; end: number };

export function checkGoTemplate(text: string): TemplateCheck {
  const pieces: TemplatePiece[] = [];
  const stack: { word: string; start: number; end: number }[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{{', i);
    if (open < 0) {
      pieces.push({ kind: 'text', text: text.slice(i), start: i });
      break;
    }
    if (open > i) pieces.push({ kind: 'text', text: text.slice(i, open), start: i });
    let body = open + 2;
    if (text.startsWith('- ', body) || text.startsWith('-\t', body) || text.startsWith('-\n', body)) body += 1; // trim marker
    const close = findClose(text, body);
    if (close.problem) return { problem: close.problem, pieces };
    if (close.at < 0) return { problem: { message: "unclosed action: '{{' has no matching '}}'", start: open, end: open + 2 }, pieces };
    let bodyEnd = close.at;
    if (text[bodyEnd - 1] === '-' && /\s/.test(text[bodyEnd - 2] ?? '')) bodyEnd -= 1;
    const problem = checkAction(text, body, bodyEnd, stack);
    if (problem) return { problem, pieces };
    pieces.push({ kind: 'action', start: open, end: close.at + 2 });
    i = close.at + 2;
  }
  if (stack.length) {
    const top = stack[stack.length - 1];
    return { problem: { message: `unexpected end of template: {{${top.word}}} has no matching {{end}}`, start: top.start, end: top.end }, pieces };
  }
  return { pieces };
}

/** Whether the template has any action at all (a literal template renders to itself). */
export function isLiteralTemplate(text: string): boolean {
  return !text.includes('{{');
}

/** Find the `}}` closing an action starting at `from`, skipping quoted strings and comments. */
function findClose(text: string, from: number): { at: number; problem?: TemplateProblem } {
  let i = from;
  while (i < text.length) {
    if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) return { at: -1, problem: { message: 'unclosed comment', start: i, end: i + 2 } };
      i = end + 2;
      continue;
    }
    const c = text[i];
    if (c === '"' || c === '`' || c === "'") {
      const end = endOfQuoted(text, i);
      if (end < 0) return { at: -1, problem: { message: c === '`' ? 'unterminated raw string' : c === "'" ? 'unterminated character constant' : 'unterminated quoted string', start: i, end: i + 1 } };
      i = end;
      continue;
    }
    if (text.startsWith('}}', i)) return { at: i };
    i++;
  }
  return { at: -1 };
}

function endOfQuoted(text: string, start: number): number {
  const q = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (q !== '`' && text[i] === '\\') {
      i++;
      continue;
    }
    if (q !== '`' && text[i] === '\n') return -1;
    if (text[i] === q) return i + 1;
  }
  return -1;
}

function checkAction(text: string, start: number, end: number, stack: { word: string; start: number; end: number }[]): TemplateProblem | undefined {
  const inner = text.slice(start, end);
  if (/^\s*\/\*[\s\S]*\*\/\s*$/.test(inner)) return undefined; // a comment action
  const lexed = lex(text, start, end);
  if ('message' in lexed) return lexed;
  const toks = lexed;
  const at = (a: number, b: number, message: string): TemplateProblem => ({ message, start: a, end: Math.max(b, a + 1) });
  if (toks.length === 0) return at(start - 2, end + 2, 'missing value for command: the action is empty');
  const first = toks[0];
  if (first.t === 'ident' && (first.text === 'end' || first.text === 'else' || first.text === 'break' || first.text === 'continue')) {
    if (first.text === 'end') {
      if (!stack.pop()) return at(first.start, first.end, 'unexpected {{end}}: nothing is open');
      if (toks.length > 1) return at(toks[1].start, toks[toks.length - 1].end, 'unexpected text after end');
      return undefined;
    }
    if (first.text === 'else') {
      const top = stack[stack.length - 1];
      if (!top || !['if', 'range', 'with'].includes(top.word)) return at(first.start, first.end, 'unexpected {{else}} outside if, range or with');
      return toks.length > 1 ? checkPipeline(toks.slice(toks[1].text === 'if' || toks[1].text === 'with' ? 2 : 1), at, toks[1].end) : undefined;
    }
    if (!stack.some((s) => s.word === 'range')) return at(first.start, first.end, `{{${first.text}}} outside {{range}}`);
    return undefined;
  }
  if (first.t === 'ident' && OPENERS.has(first.text)) {
    stack.push({ word: first.text, start: first.start, end: first.end });
    if (first.text === 'define' || first.text === 'block') {
      if (toks[1]?.t !== 'string') return at(first.start, first.end, `{{${first.text}}} needs a quoted template name`);
      return first.text === 'block' ? checkPipeline(toks.slice(2), at, toks[1].end) : undefined;
    }
    if (toks.length === 1) return at(first.start, first.end, `missing value for ${first.text}`);
    return checkPipeline(toks.slice(1), at, first.end);
  }
  if (first.t === 'ident' && first.text === 'template') {
    if (toks[1]?.t !== 'string') return at(first.start, first.end, '{{template}} needs a quoted template name');
    return toks.length > 2 ? checkPipeline(toks.slice(2), at, toks[1].end) : undefined;
  }
  return checkPipeline(toks, at, start);
}

type At = (a: number, b: number, message: string) => TemplateProblem;

/** A pipeline: optional `$x :=`, then commands separated by `|`; each command a run of operands. */
function checkPipeline(toks: Tok[], at: At, after: number): TemplateProblem | undefined {
  if (toks.length === 0) return at(after - 1, after, 'missing value for command');
  let k = 0;
  if (toks[0].t === 'var' && (toks[1]?.t === ':=' || toks[1]?.t === '=' || toks[1]?.t === ',')) {
    k = toks[1].t === ',' ? 4 : 2;
    if (toks[1].t === ',' && (toks[2]?.t !== 'var' || (toks[3]?.t !== ':=' && toks[3]?.t !== '='))) return at(toks[1].start, toks[1].end, 'malformed variable declaration');
  }
  let depth = 0;
  let operands = 0;
  let lastPipe = after;
  for (; k < toks.length; k++) {
    const tok = toks[k];
    switch (tok.t) {
      case '(':
        depth++;
        operands++;
        break;
      case ')':
        if (--depth < 0) return at(tok.start, tok.end, "unexpected ')'");
        break;
      case '|':
        if (operands === 0) return at(tok.start, tok.end, "missing command before '|'");
        operands = 0;
        lastPipe = tok.end;
        break;
      case ':=':
      case '=':
      case ',':
        return at(tok.start, tok.end, `unexpected '${tok.text}'`);
      case 'ident':
        if (!BUILTINS.has(tok.text) && !LITERALS.has(tok.text)) return at(tok.start, tok.end, `function "${tok.text}" not defined`);
        operands++;
        break;
      default:
        operands++;
    }
    if (tok.t === '(' && toks[k + 1]?.t === ')') return at(tok.start, toks[k + 1].end, 'missing value for command');
  }
  if (depth > 0) return at(toks[toks.length - 1].end - 1, toks[toks.length - 1].end, "unclosed '(' in the pipeline");
  if (operands === 0) return at(lastPipe - 1, lastPipe, "missing command after '|'");
  return undefined;
}

function lex(text: string, start: number, end: number): Tok[] | TemplateProblem {
  const toks: Tok[] = [];
  let i = start;
  const push = (t: Tok['t'], s: number, e: number) => toks.push({ t, text: text.slice(s, e), start: s, end: e });
  while (i < end) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
    } else if (text.startsWith('/*', i)) {
      return { message: 'a comment must be the whole action ({{/* … */}})', start: i, end: i + 2 };
    } else if (c === '"' || c === '`' || c === "'") {
      const e = endOfQuoted(text, i);
      push(c === "'" ? 'char' : 'string', i, e);
      i = e;
    } else if (c === '.' || c === '$') {
      // field chain `.A.B`, bare `.`, variable `$x.A`
      let j = i + 1;
      if (c === '$') while (j < end && /[A-Za-z0-9_]/.test(text[j])) j++;
      else if (/[0-9]/.test(text[j] ?? '')) {
        return { message: `bad field name: '${text.slice(i, j + 1)}'`, start: i, end: j + 1 };
      }
      while (j < end && (/[A-Za-z0-9_]/.test(text[j]) || text[j] === '.')) {
        if (text[j] === '.' && (text[j - 1] === '.' || !/[A-Za-z_]/.test(text[j + 1] ?? ''))) {
          return { message: `bad field chain '${text.slice(i, j + 1)}': every '.' must be followed by a field name`, start: i, end: j + 1 };
        }
        j++;
      }
      if (c === '.' && j > i + 1 && !/[A-Za-z_]/.test(text[i + 1])) return { message: `bad field name '${text.slice(i, j)}'`, start: i, end: j };
      push(c === '$' ? 'var' : 'field', i, j);
      i = j;
    } else if (/[0-9+-]/.test(c)) {
      let j = i + 1;
      while (j < end && /[0-9a-fA-FxXoObB_.eEpPi+-]/.test(text[j])) j++;
      if (!/^[+-]?(0[xX][0-9a-fA-F_]+|0[oObB][0-7_]+|[0-9][0-9_]*(\.[0-9_]*)?([eE][+-]?[0-9]+)?i?|\.[0-9]+)$/.test(text.slice(i, j))) {
        return { message: `bad number syntax: '${text.slice(i, j)}'`, start: i, end: j };
      }
      push('number', i, j);
      i = j;
    } else if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < end && /[A-Za-z0-9_]/.test(text[j])) j++;
      push('ident', i, j);
      i = j;
    } else if (text.startsWith(':=', i)) {
      push(':=', i, i + 2);
      i += 2;
    } else if ('()|=,'.includes(c)) {
      push(c as Tok['t'], i, i + 1);
      i++;
    } else {
      return { message: `unexpected ${JSON.stringify(c)} in the action`, start: i, end: i + 1 };
    }
  }
  return toks;
}
