"""Roman numerals (see spec.md)."""

from .binary import _check_int

_VALUES = [
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
]


def to_roman(n):
    _check_int(n)
    if n < 1 or n > 3999:
        raise ValueError(f"out of range: {n}")
    out = []
    for value, letters in _VALUES:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def from_roman(text):
    cleaned = text.strip().upper()
    total = 0
    i = 0
    while i < len(cleaned):
        pair = cleaned[i:i + 2]
        value = next((v for v, letters in _VALUES if letters == pair), None)
        if value is not None and len(pair) == 2:
            total += value
            i += 2
            continue
        value = next((v for v, letters in _VALUES if letters == cleaned[i]), None)
        if value is None:
            raise ValueError(f"not a roman numeral: {text}")
        total += value
        i += 1
    if total < 1 or total > 3999 or to_roman(total) != cleaned:
        raise ValueError(f"not a roman numeral: {text}")
    return total
