// Prints an AST back as text with the fewest parentheses that keep its meaning.

const PRECEDENCE = { '+': 1, '-': 1, '*': 2, '/': 2, '%': 2, '^': 4 };
const NEG = 3;

function precedenceOf(node) {
  if (node.type === 'bin') return PRECEDENCE[node.op];
  if (node.type === 'neg') return NEG;
  return 10;
}

function wrap(node, needParens) {
  const text = format(node);
  return needParens ? `(${text})` : text;
}

/** 'format(parse("(1+2)*-(3)"))' -> '(1 + 2) * -3'. Binary operators get one space either side. */
export function format(node) {
  switch (node.type) {
    case 'num':
      return String(node.value);
    case 'neg':
      return `-${wrap(node.arg, precedenceOf(node.arg) < NEG)}`;
    case 'var':
      return node.name;
    case 'call':
      return `${node.name}(${node.args.map(format).join(', ')})`;
    case 'assign':
      return `${node.name} = ${format(node.value)}`;
    case 'seq':
      return node.body.map(format).join('; ');
    case 'bin': {
      const p = PRECEDENCE[node.op];
      if (node.op === '^') {
        // Right-associative and above negation: (2 ^ 3) ^ 2, (-2) ^ 2, 2 ^ 3 ^ 2, 2 ^ (-1).
        const base = wrap(node.left, node.left.type === 'bin' || node.left.type === 'neg');
        const exponent = wrap(node.right, precedenceOf(node.right) < p);
        return `${base} ^ ${exponent}`;
      }
      const left = wrap(node.left, precedenceOf(node.left) < p);
      // Left-associative: a right operand of equal precedence needs parentheses (1 - (2 - 3)).
      const right = wrap(node.right, precedenceOf(node.right) <= p);
      return `${left} ${node.op} ${right}`;
    }
  }
  throw new Error(`unknown node ${node.type}`);
}
