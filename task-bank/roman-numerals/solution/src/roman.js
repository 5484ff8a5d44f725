// Roman numerals: integer 1..3999 to canonical numeral and back.
const TABLE = [
  [1000, 'M'],
  [900, 'CM'],
  [500, 'D'],
  [400, 'CD'],
  [100, 'C'],
  [90, 'XC'],
  [50, 'L'],
  [40, 'XL'],
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
];

export function toRoman(n) {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 3999) {
    throw new RangeError(`toRoman: expected an integer from 1 to 3999, got ${String(n)}`);
  }
  let out = '';
  let rest = n;
  for (const [value, symbol] of TABLE) {
    while (rest >= value) {
      out += symbol;
      rest -= value;
    }
  }
  return out;
}

const CANONICAL = /^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/;

export function fromRoman(s) {
  if (typeof s !== 'string' || s === '' || !CANONICAL.test(s.toUpperCase())) {
    throw new SyntaxError(`fromRoman: not a canonical Roman numeral: ${String(s)}`);
  }
  let rest = s.toUpperCase();
  let total = 0;
  for (const [value, symbol] of TABLE) {
    while (rest.startsWith(symbol)) {
      total += value;
      rest = rest.slice(symbol.length);
    }
  }
  return total;
}
