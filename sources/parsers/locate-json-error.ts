// Finds where JSON text first goes wrong (offset, line, column), since JSON.parse messages differ across Node versions.

export interface JsonErrorLocation {
  offset: number;
  line: number;
  column: number;
  message: string;
}

const LITERALS = ['true', 'false', 'null'];
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING_BODY = /(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

/** The first syntax error in `text`, or null when it is valid JSON. Iterative, so deep nesting cannot overflow. */
export function locateJsonError(text: string): JsonErrorLocation | null {
  let pos = 0;
  const stack: ('object' | 'array')[] = [];
  const at = (offset: number, message: string): JsonErrorLocation => locate(text, offset, message);
  const skipBlanks = () => {
    while (pos < text.length && ' \t\n\r'.includes(text.charAt(pos))) pos += 1;
  };
  const describe = () => (pos >= text.length ? 'the input ends too early' : `unexpected ${JSON.stringify(text.charAt(pos))}`);

  // Each turn reads one value, then the punctuation after it, unwinding finished containers.
  for (;;) {
    skipBlanks();
    const ch = text.charAt(pos);
    if (ch === '{' || ch === '[') {
      pos += 1;
      skipBlanks();
      const closer = ch === '{' ? '}' : ']';
      if (text.charAt(pos) === closer) {
        pos += 1;
      } else {
        stack.push(ch === '{' ? 'object' : 'array');
        if (ch === '{') {
          const keyError = readKey();
          if (keyError) return keyError;
        }
        continue;
      }
    } else if (ch === '"') {
      STRING_BODY.lastIndex = pos + 1;
      if (!STRING_BODY.test(text)) return at(pos, 'unterminated or invalid string');
      pos = STRING_BODY.lastIndex;
    } else if (ch === '-' || (ch >= '0' && ch <= '9')) {
      NUMBER.lastIndex = pos;
      if (!NUMBER.test(text)) return at(pos, 'invalid number');
      pos = NUMBER.lastIndex;
    } else {
      const literal = LITERALS.find((word) => text.startsWith(word, pos));
      if (!literal) return at(pos, `expected a value, ${describe()}`);
      pos += literal.length;
    }
    // After a value: close containers or move to the next member.
    for (;;) {
      skipBlanks();
      const top = stack[stack.length - 1];
      if (!top) return pos < text.length ? at(pos, `unexpected text after the JSON value: ${describe()}`) : null;
      const ch2 = text.charAt(pos);
      if (ch2 === ',') {
        pos += 1;
        if (top === 'object') {
          const keyError = readKey();
          if (keyError) return keyError;
        }
        break;
      }
      if (ch2 === (top === 'object' ? '}' : ']')) {
        pos += 1;
        stack.pop();
        continue;
      }
      return at(pos, `expected ',' or '${top === 'object' ? '}' : ']'}', ${describe()}`);
    }
  }

  function readKey(): JsonErrorLocation | null {
    skipBlanks();
    if (text.charAt(pos) !== '"') return at(pos, `expected a double-quoted property name, ${describe()}`);
    STRING_BODY.lastIndex = pos + 1;
    if (!STRING_BODY.test(text)) return at(pos, 'unterminated or invalid property name');
    pos = STRING_BODY.lastIndex;
    skipBlanks();
    if (text.charAt(pos) !== ':') return at(pos, `expected ':' after the property name, ${describe()}`);
    pos += 1;
    return null;
  }
}

function locate(text: string, offset: number, message: string): JsonErrorLocation {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return { offset, line, column, message };
}
