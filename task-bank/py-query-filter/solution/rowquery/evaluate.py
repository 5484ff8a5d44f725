"""Evaluates a query against rows (see spec.md)."""
from .nodes import And, Compare, Not, Or
from .parser import parse

_MISSING = object()


def filter_rows(rows, query):
    node = parse(query)
    return [row for row in rows if _holds(node, row)]


def _holds(node, row):
    if isinstance(node, And):
        return _holds(node.left, row) and _holds(node.right, row)
    if isinstance(node, Or):
        return _holds(node.left, row) or _holds(node.right, row)
    if isinstance(node, Not):
        return not _holds(node.operand, row)
    return _compare(node, row.get(node.field, _MISSING))


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _compare(node: Compare, actual):
    if actual is _MISSING:
        return False
    expected = node.value
    if node.op in ("=", "!="):
        mixed = isinstance(actual, bool) != isinstance(expected, bool) and (_is_number(actual) or _is_number(expected))
        equal = False if mixed else actual == expected
        return equal if node.op == "=" else not equal
    if not ((_is_number(actual) and _is_number(expected)) or (isinstance(actual, str) and isinstance(expected, str))):
        return False
    if node.op == "<":
        return actual < expected
    if node.op == "<=":
        return actual <= expected
    if node.op == ">":
        return actual > expected
    return actual >= expected
