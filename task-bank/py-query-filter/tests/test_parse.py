import unittest

from rowquery import QuerySyntaxError, parse
from rowquery.nodes import And, Compare, Not, Or


class Parse(unittest.TestCase):
    def test_comparison(self):
        self.assertEqual(parse('name = "Ann"'), Compare("name", "=", "Ann"))
        self.assertEqual(parse("age >= 30"), Compare("age", ">=", 30))
        self.assertEqual(parse("active != false"), Compare("active", "!=", False))

    def test_precedence_and_associativity(self):
        a, b, c = Compare("a", "=", 1), Compare("b", "=", 2), Compare("c", "=", 3)
        self.assertEqual(parse("a = 1 or b = 2 and c = 3"), Or(a, And(b, c)))
        self.assertEqual(parse("a = 1 or b = 2 or c = 3"), Or(Or(a, b), c))
        self.assertEqual(parse("(a = 1 or b = 2) and not not c = 3"), And(Or(a, b), Not(Not(c))))

    def test_errors(self):
        cases = {"age >": "unexpected end of query", "age 30": "unexpected 30 at 4", "(a = 1": "unexpected end of query",
                 "a = 1)": "unexpected ) at 5", "and a = 1": "unexpected and at 0", "a = b": "unexpected b at 4", "": "unexpected end of query"}
        for text, message in cases.items():
            with self.assertRaises(QuerySyntaxError) as caught:
                parse(text)
            self.assertEqual(str(caught.exception), message, text)

    def test_tokenizer_errors_pass_through(self):
        with self.assertRaisesRegex(QuerySyntaxError, "^unexpected character '#' at 2$"):
            parse("a #")
