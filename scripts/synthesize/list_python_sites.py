# Lists the procedural mutations of Python files from the standard library's own `ast` (run by `experiment tasks synthesize` in its sandbox).
# Usage: python3 list_python_sites.py ROOT FILE... ; prints {"files": {FILE: [site, ...] | {"error": "..."}}} as JSON.
# A site replaces the UTF-8 bytes [start, end) of the file by `replacement`; parsing never runs the code it reads.
import ast
import io
import json
import sys
import tokenize

OPERATOR_SWAPS = {
    "+": "-", "-": "+", "*": "/", "/": "*", "//": "/",
    "<": "<=", "<=": "<", ">": ">=", ">=": ">",
    "==": "!=", "!=": "==", "is": "is not", "is not": "is", "in": "not in", "not in": "in",
    "and": "or", "or": "and",
}
NOT_IMPLEMENTED = "raise NotImplementedError"
FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
STATEMENT_LISTS = ("body", "orelse", "finalbody")


class Lister:
    def __init__(self, data):
        self.data = data
        self.line_starts = [0]
        for index, byte in enumerate(data):
            if byte == 0x0A:
                self.line_starts.append(index + 1)
        self.sites = []

    # ast gives lines (1-based) and UTF-8 byte columns: the byte offset is the line's start plus the column.
    def span(self, node):
        return (self.line_starts[node.lineno - 1] + node.col_offset, self.line_starts[node.end_lineno - 1] + node.end_col_offset)

    def text(self, start, end):
        return self.data[start:end].decode("utf-8")

    def add(self, kind, start, end, replacement, scope):
        self.sites.append({"kind": kind, "start": start, "end": end, "replacement": replacement, "scope": ".".join(scope)[:200]})

    def walk(self, node, scope, in_function):
        is_function = isinstance(node, FUNCTIONS)
        inner_scope = scope + [node.name] if isinstance(node, FUNCTIONS + (ast.ClassDef,)) else scope
        inner = in_function or is_function
        if is_function:
            self.remove_body(node, inner_scope)
        if in_function:
            self.own_sites(node, scope)
        if inner:
            for field in STATEMENT_LISTS:
                statements = getattr(node, field, None)
                if isinstance(statements, list):
                    self.drop_statements(statements, inner_scope)
        for child in ast.iter_child_nodes(node):
            self.walk(child, inner_scope, inner)

    def remove_body(self, node, scope):
        body = node.body
        # A docstring stays: it documents the function, it is not its behaviour.
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
            body = body[1:]
        if body and not (len(body) == 1 and isinstance(body[0], (ast.Pass, ast.Raise))):
            start, end = self.span(body[0])[0], self.span(body[-1])[1]
            self.add("remove-body", start, end, NOT_IMPLEMENTED, scope)

    def own_sites(self, node, scope):
        if isinstance(node, (ast.If, ast.IfExp)):
            start, end = self.span(node.test)
            self.add("invert-condition", start, end, "not (" + self.text(start, end) + ")", scope)
        elif isinstance(node, ast.BinOp):
            # "a" + b made "-" is a TypeError any test shows, not a bug worth a task.
            textual = isinstance(node.op, ast.Add) and any(
                isinstance(side, ast.JoinedStr) or (isinstance(side, ast.Constant) and isinstance(side.value, str))
                for side in (node.left, node.right))
            if not textual:
                self.swap_operator(node.left, node.right, node, scope)
        elif isinstance(node, ast.Compare):
            self.swap_operator(node.left, node.comparators[0], node, scope)
        elif isinstance(node, ast.BoolOp):
            self.swap_operator(node.values[0], node.values[1], node, scope)
        elif isinstance(node, ast.Call) and len(node.args) >= 2 and not any(isinstance(arg, ast.Starred) for arg in node.args[:2]):
            a_start, a_end = self.span(node.args[0])
            b_start, b_end = self.span(node.args[1])
            a, b = self.text(a_start, a_end), self.text(b_start, b_end)
            if a != b:
                self.add("swap-arguments", a_start, b_end, b + self.text(a_end, b_start) + a, scope)

    def swap_operator(self, left, right, node, scope):
        # The operator has no position of its own in the tree: it is the one token between its two operands.
        gap_start, gap_end = self.span(left)[1], self.span(right)[0]
        gap = self.data[gap_start:gap_end]
        tokens = []
        try:
            for token in tokenize.tokenize(io.BytesIO(gap).readline):
                if token.type in (tokenize.OP, tokenize.NAME) and token.string not in ("(", ")"):
                    tokens.append(token)
        except (tokenize.TokenError, IndentationError, SyntaxError):
            return
        words = " ".join(token.string for token in tokens)
        if words not in OPERATOR_SWAPS or tokens[0].start[0] != tokens[-1].end[0]:
            return
        # tokenize counts characters on a line; the gap's lines are turned back into bytes.
        lines = gap.decode("utf-8").splitlines(keepends=True)
        before = "".join(lines[: tokens[0].start[0] - 1])
        line = lines[tokens[0].start[0] - 1]
        start = gap_start + len((before + line[: tokens[0].start[1]]).encode("utf-8"))
        end = gap_start + len((before + line[: tokens[-1].end[1]]).encode("utf-8"))
        self.add("change-operator", start, end, OPERATOR_SWAPS[words], scope)

    def drop_statements(self, statements, scope):
        # `pass` in place of the statement keeps every block non-empty and every indentation as it was.
        for statement in statements:
            call = isinstance(statement, ast.Expr) and isinstance(statement.value, (ast.Call, ast.Await))
            if call or isinstance(statement, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
                start, end = self.span(statement)
                self.add("drop-statement", start, end, "pass", scope)


def list_sites(data):
    lister = Lister(data)
    lister.walk(ast.parse(data), [], False)
    return sorted(lister.sites, key=lambda site: (site["start"], site["end"], site["kind"]))


def main(argv):
    root, files = argv[1], argv[2:]
    result = {}
    for path in files:
        try:
            with open(root + "/" + path, "rb") as handle:
                result[path] = list_sites(handle.read())
        except (SyntaxError, ValueError, UnicodeDecodeError, RecursionError) as error:
            result[path] = {"error": type(error).__name__ + ": " + str(error)[:200]}
    json.dump({"files": result}, sys.stdout)


if __name__ == "__main__":
    main(sys.argv)
