"""Parses a query into nodes (see spec.md)."""
from .errors import QuerySyntaxError
from .nodes import And, Compare, Not, Or
from .tokens import tokenize

_OPS = {"=", "!=", "<", "<=", ">", ">="}


class _Parser:
    def __init__(self, text):
        self.tokens = tokenize(text)
        self.index = 0

    def peek(self):
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def take(self):
        token = self.peek()
        if token is None:
            raise QuerySyntaxError("unexpected end of query")
        self.index += 1
        return token

    def fail(self, token):
        raise QuerySyntaxError(f"unexpected {token.text} at {token.pos}")

    def is_keyword(self, word):
        token = self.peek()
        return token is not None and token.kind == "KEYWORD" and token.value == word

    def query(self):
        node = self.or_expr()
        token = self.peek()
        if token is not None:
            self.fail(token)
        return node

    def or_expr(self):
        node = self.and_expr()
        while self.is_keyword("or"):
            self.take()
            node = Or(node, self.and_expr())
        return node

    def and_expr(self):
        node = self.not_expr()
        while self.is_keyword("and"):
            self.take()
            node = And(node, self.not_expr())
        return node

    def not_expr(self):
        if self.is_keyword("not"):
            self.take()
            return Not(self.not_expr())
        return self.primary()

    def primary(self):
        token = self.take()
        if token.kind == "LPAREN":
            node = self.or_expr()
            closing = self.take()
            if closing.kind != "RPAREN":
                self.fail(closing)
            return node
        if token.kind != "IDENT":
            self.fail(token)
        op = self.take()
        if op.kind != "OP" or op.value not in _OPS:
            self.fail(op)
        value = self.take()
        if value.kind in ("NUMBER", "STRING") or (value.kind == "KEYWORD" and isinstance(value.value, bool)):
            return Compare(token.value, op.value, value.value)
        self.fail(value)


def parse(text):
    return _Parser(text).query()
