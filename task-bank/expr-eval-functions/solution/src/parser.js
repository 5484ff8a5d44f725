// A recursive-descent parser from tokens to an AST.
//   program  := statement (';' statement)* ';'?
//   statement:= name '=' expr | expr
//   expr     := term (('+' | '-') term)*
//   term     := unary (('*' | '/' | '%') unary)*
//   unary    := '-' unary | power
//   power    := primary ('^' unary)?
//   primary  := number | name | name '(' args ')' | '(' expr ')'
// Nodes: num, neg, bin, var, call, assign, seq; each has `pos`.
import { ExprError } from './errors.js';
import { tokenize } from './tokenizer.js';

class Parser {
  constructor(tokens) {
    this.tokens = tokens;
    this.i = 0;
  }

  peek() {
    return this.tokens[this.i];
  }

  next() {
    return this.tokens[this.i++];
  }

  isOp(value) {
    const t = this.peek();
    return t.type === 'op' && t.value === value;
  }

  expect(value) {
    const t = this.next();
    if (t.type !== 'op' || t.value !== value) throw new ExprError(`expected ${value}`, t.pos);
    return t;
  }

  expr() {
    let left = this.term();
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.next();
      left = { type: 'bin', op: op.value, left, right: this.term(), pos: op.pos };
    }
    return left;
  }

  term() {
    let left = this.unary();
    while (this.isOp('*') || this.isOp('/') || this.isOp('%')) {
      const op = this.next();
      left = { type: 'bin', op: op.value, left, right: this.unary(), pos: op.pos };
    }
    return left;
  }

  unary() {
    if (this.isOp('-')) {
      const op = this.next();
      return { type: 'neg', arg: this.unary(), pos: op.pos };
    }
    return this.power();
  }

  power() {
    const base = this.primary();
    if (!this.isOp('^')) return base;
    const op = this.next();
    return { type: 'bin', op: '^', left: base, right: this.unary(), pos: op.pos };
  }

  statement() {
    const t = this.peek();
    const after = this.tokens[this.i + 1];
    if (t.type === 'name' && after.type === 'op' && after.value === '=') {
      this.i += 2;
      return { type: 'assign', name: t.value, value: this.expr(), pos: t.pos };
    }
    return this.expr();
  }

  call(name) {
    this.expect('(');
    const args = [];
    if (!this.isOp(')')) {
      args.push(this.expr());
      while (this.isOp(',')) {
        this.next();
        args.push(this.expr());
      }
    }
    this.expect(')');
    return { type: 'call', name: name.value, args, pos: name.pos };
  }

  primary() {
    const t = this.next();
    if (t.type === 'num') return { type: 'num', value: t.value, pos: t.pos };
    if (t.type === 'name') return this.isOp('(') ? this.call(t) : { type: 'var', name: t.value, pos: t.pos };
    if (t.type === 'op' && t.value === '(') {
      const inner = this.expr();
      this.expect(')');
      return inner;
    }
    throw new ExprError(t.type === 'eof' ? 'unexpected end of input' : `unexpected ${t.value}`, t.pos);
  }
}

/** Parses the whole text: one statement's node, or a seq node for several; trailing tokens are an error. */
export function parse(text) {
  const parser = new Parser(tokenize(text));
  if (parser.peek().type === 'eof') throw new ExprError('empty program', 0);
  const body = [parser.statement()];
  while (parser.isOp(';')) {
    parser.next();
    if (parser.peek().type === 'eof') break;
    body.push(parser.statement());
  }
  const rest = parser.peek();
  if (rest.type !== 'eof') throw new ExprError(`unexpected ${rest.value}`, rest.pos);
  return body.length === 1 ? body[0] : { type: 'seq', body, pos: body[0].pos };
}
