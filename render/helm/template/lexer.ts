/** Tokens of Go's text/template (delimiters `{{` `}}`), with UTF-16 positions. */
export type TokType =
  | 'text' | 'leftDelim' | 'rightDelim' | 'leftParen' | 'rightParen' | 'space' | 'pipe' | 'declare' | 'assign'
  | 'char' | 'field' | 'variable' | 'identifier' | 'string' | 'rawString' | 'charConstant' | 'number' | 'bool'
  | 'dot' | 'keyword' | 'comment' | 'eof' | 'error';

export interface Token { type: TokType; val: string; pos: number; line: number }

export const KEYWORDS = new Set(['block', 'break', 'continue', 'define', 'else', 'end', 'if', 'range', 'nil', 'template', 'with']);

const SPACE = ' \t\r\n';
const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isAlnum = (c: string): boolean => c === '_' || /[\p{L}\p{Nd}]/u.test(c);

/** Go's %#U of a character: U+002F '/'. */
export function goCharU(c: string): string {
  const cp = c.codePointAt(0) ?? 0;
  const hex = cp.toString(16).toUpperCase().padStart(4, '0');
  return /\p{L}|\p{N}|\p{P}|\p{S}/u.test(c) || c === ' ' ? `U+${hex} '${c}'` : `U+${hex}`;
}

/** Lex the whole input. The list ends with an `eof` or an `error` token (whose val is the message). */
export function lex(input: string): Token[] {
  return new Lexer(input).run();
}

class Lexer {
  private pos = 0;
  private start = 0;
  private line = 1;
  private startLine = 1;
  private parenDepth = 0;
  private readonly toks: Token[] = [];
  constructor(private readonly input: string) {}

  run(): Token[] {
    let state: (() => boolean) | null = () => this.lexText();
    // each state function returns false when lexing is over
    while (state) {
      const more = state();
      if (!more) break;
      state = this.nextState;
    }
    return this.toks;
  }

  private nextState: (() => boolean) | null = null;

  private emit(type: TokType, val?: string): void {
    this.toks.push({ type, val: val ?? this.input.slice(this.start, this.pos), pos: this.start, line: this.startLine });
    this.start = this.pos;
    this.startLine = this.line;
  }

  private skipTo(p: number): void {
    for (let i = this.pos; i < p; i++) if (this.input.charCodeAt(i) === 10) this.line++;
    this.pos = p;
  }

  private ignore(): void {
    this.skipTo(this.pos);
    this.start = this.pos;
    this.startLine = this.line;
  }

  private error(msg: string): boolean {
    this.toks.push({ type: 'error', val: msg, pos: this.start, line: this.startLine });
    return false;
  }

  private peek(): string { return this.pos < this.input.length ? this.input[this.pos] : ''; }
  private next(): string {
    if (this.pos >= this.input.length) return '';
    const c = this.input[this.pos++];
    if (c === '\n') this.line++;
    return c;
  }

  private lexText(): boolean {
    const x = this.input.indexOf('{{', this.pos);
    if (x < 0) {
      this.skipTo(this.input.length);
      if (this.pos > this.start) this.emit('text');
      this.emit('eof');
      return false;
    }
    const trim = this.input[x + 2] === '-' && isSpace(this.input[x + 3] ?? '');
    let end = x;
    if (trim) while (end > this.pos && SPACE.includes(this.input[end - 1])) end--;
    this.skipTo(end);
    if (end > this.start) this.emit('text');
    this.skipTo(x);
    this.ignore();
    this.nextState = () => this.lexLeftDelim(trim);
    return true;
  }

  private atRightDelim(): { delim: boolean; trim: boolean } {
    const s = this.input;
    const p = this.pos;
    if (isSpace(s[p] ?? '') && s[p + 1] === '-' && s.startsWith('}}', p + 2)) return { delim: true, trim: true };
    if (s.startsWith('}}', p)) return { delim: true, trim: false };
    return { delim: false, trim: false };
  }

  private lexLeftDelim(trim: boolean): boolean {
    this.skipTo(this.pos + 2);
    const after = trim ? 2 : 0;
    if (this.input.startsWith('/*', this.pos + after)) {
      this.skipTo(this.pos + after);
      this.ignore();
      return this.lexComment();
    }
    this.emit('leftDelim');
    this.skipTo(this.pos + after);
    this.ignore();
    this.parenDepth = 0;
    this.nextState = () => this.lexInsideAction();
    return true;
  }

  private lexComment(): boolean {
    const x = this.input.indexOf('*/', this.pos + 2);
    if (x < 0) return this.error('unclosed comment');
    this.skipTo(x + 2);
    const { delim, trim } = this.atRightDelim();
    if (!delim) return this.error('comment ends before closing delimiter');
    this.emit('comment');
    if (trim) this.skipTo(this.pos + 2);
    this.skipTo(this.pos + 2);
    this.ignore();
    if (trim) this.trimLeadingSpace();
    this.nextState = () => this.lexText();
    return true;
  }

  private trimLeadingSpace(): void {
    let p = this.pos;
    while (p < this.input.length && SPACE.includes(this.input[p])) p++;
    this.skipTo(p);
    this.ignore();
  }

  private lexRightDelim(trim: boolean): boolean {
    if (trim) { this.skipTo(this.pos + 2); this.ignore(); }
    this.skipTo(this.pos + 2);
    this.emit('rightDelim');
    if (trim) this.trimLeadingSpace();
    this.nextState = () => this.lexText();
    return true;
  }

  private lexInsideAction(): boolean {
    const { delim, trim } = this.atRightDelim();
    if (delim) {
      if (this.parenDepth === 0) return this.lexRightDelim(trim);
      return this.error('unclosed left paren');
    }
    this.nextState = () => this.lexInsideAction();
    if (isSpace(this.peek())) return this.lexSpace();
    const c = this.next();
    if (c === '') return this.error('unclosed action');
    if (c === '=') { this.emit('assign'); return true; }
    if (c === ':') {
      if (this.next() !== '=') return this.error('expected :=');
      this.emit('declare');
      return true;
    }
    if (c === '|') { this.emit('pipe'); return true; }
    if (c === '"') return this.lexQuote();
    if (c === '`') return this.lexRawQuote();
    if (c === '$') return this.lexFieldOrVariable('variable');
    if (c === "'") return this.lexChar();
    if (c === '.') {
      const d = this.peek();
      if (!(d >= '0' && d <= '9')) return this.lexFieldOrVariable('field');
      this.pos--;
      return this.lexNumber();
    }
    if (c === '+' || c === '-' || (c >= '0' && c <= '9')) { this.pos--; return this.lexNumber(); }
    if (isAlnum(c)) { this.pos--; return this.lexIdentifier(); }
    if (c === '(') { this.emit('leftParen'); this.parenDepth++; return true; }
    if (c === ')') {
      this.emit('rightParen');
      this.parenDepth--;
      if (this.parenDepth < 0) return this.error(`unexpected right paren ${goCharU(c)}`);
      return true;
    }
    if (c === ',') { this.emit('char'); return true; }
    if (c.charCodeAt(0) <= 0x7f && /[\x21-\x7e]/.test(c)) { this.emit('char'); return true; }
    const full = String.fromCodePoint(this.input.codePointAt(this.pos - 1) ?? 0);
    return this.error(`unrecognized character in action: ${goCharU(full)}`);
  }

  private lexSpace(): boolean {
    while (isSpace(this.peek())) {
      // stop before a right trim marker (" -}}")
      if (this.pos > this.start && this.input[this.pos + 1] === '-' && this.input.startsWith('}}', this.pos + 2)) break;
      this.next();
    }
    if (this.pos > this.start) this.emit('space');
    return true;
  }

  private atTerminator(): boolean {
    const c = this.peek();
    if (c === '' || isSpace(c) || '.,|:()'.includes(c)) return true;
    return this.input.startsWith('}}', this.pos);
  }

  private lexIdentifier(): boolean {
    while (isAlnum(this.peek())) this.next();
    if (!this.atTerminator()) return this.error(`bad character ${goCharU(this.peek())}`);
    const word = this.input.slice(this.start, this.pos);
    if (KEYWORDS.has(word)) this.emit('keyword');
    else if (word === 'true' || word === 'false') this.emit('bool');
    else this.emit('identifier');
    return true;
  }

  private lexFieldOrVariable(type: 'field' | 'variable'): boolean {
    if (this.atTerminator()) {
      this.emit(type === 'variable' ? 'variable' : 'dot');
      return true;
    }
    while (isAlnum(this.peek())) this.next();
    if (!this.atTerminator()) return this.error(`bad character ${goCharU(this.peek())}`);
    this.emit(type);
    return true;
  }

  private lexChar(): boolean {
    for (;;) {
      const c = this.next();
      if (c === '\\') {
        const d = this.next();
        if (d !== '' && d !== '\n') continue;
        return this.error('unterminated character constant');
      }
      if (c === '' || c === '\n') return this.error('unterminated character constant');
      if (c === "'") break;
    }
    this.emit('charConstant');
    return true;
  }

  private lexQuote(): boolean {
    for (;;) {
      const c = this.next();
      if (c === '\\') {
        const d = this.next();
        if (d !== '' && d !== '\n') continue;
        return this.error('unterminated quoted string');
      }
      if (c === '' || c === '\n') return this.error('unterminated quoted string');
      if (c === '"') break;
    }
    this.emit('string');
    return true;
  }

  private lexRawQuote(): boolean {
    const x = this.input.indexOf('`', this.pos);
    if (x < 0) return this.error('unterminated raw quoted string');
    this.skipTo(x + 1);
    this.emit('rawString');
    return true;
  }

  private accept(valid: string): boolean {
    const c = this.peek();
    if (c !== '' && valid.includes(c)) { this.next(); return true; }
    return false;
  }

  private acceptRun(valid: string): void { while (this.accept(valid)); }

  private lexNumber(): boolean {
    this.accept('+-');
    let digits = '0123456789_';
    if (this.accept('0')) {
      if (this.accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (this.accept('oO')) digits = '01234567_';
      else if (this.accept('bB')) digits = '01_';
    }
    this.acceptRun(digits);
    if (this.accept('.')) this.acceptRun(digits);
    if (digits.length === 11 && this.accept('eE')) { this.accept('+-'); this.acceptRun('0123456789_'); }
    if (digits.length === 23 && this.accept('pP')) { this.accept('+-'); this.acceptRun('0123456789_'); }
    this.accept('i');
    if (isAlnum(this.peek())) {
      this.next();
      return this.error(`bad number syntax: ${goQuote(this.input.slice(this.start, this.pos))}`);
    }
    this.emit('number');
    return true;
  }
}

/** Go's strconv.Quote (used in messages and String() of nodes). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (cp === 7) out += '\\a';
    else if (cp === 8) out += '\\b';
    else if (cp === 12) out += '\\f';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (cp === 11) out += '\\v';
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + cp.toString(16).padStart(2, '0');
    else if (cp >= 0xd800 && cp <= 0xdfff) out += '\\ufffd';
    else if (!isGoPrint(cp)) out += cp < 0x10000 ? '\\u' + cp.toString(16).padStart(4, '0') : '\\U' + cp.toString(16).padStart(8, '0');
    else out += ch;
  }
  return out + '"';
}

/** Approximation of Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and ASCII space. */
export function isGoPrint(cp: number): boolean {
  if (cp === 0x20) return true;
  const ch = String.fromCodePoint(cp);
  return /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(ch);
}
