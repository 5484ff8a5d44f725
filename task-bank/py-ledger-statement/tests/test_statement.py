import unittest
from datetime import date

from ledgerbook import Book, statement


def make_book():
    book = Book()
    for name in ("cash", "bank", "shop"):
        book.open(name)
    book.transfer(date(2024, 1, 3), "bank", "cash", 10000, "atm")
    book.transfer(date(2024, 1, 10), "cash", "shop", 1250, "lunch")
    book.transfer(date(2024, 1, 5), "cash", "shop", 305, "coffee")
    book.transfer(date(2024, 1, 10), "shop", "cash", 200, "refund")
    book.transfer(date(2024, 1, 10), "cash", "cash", 999, "noop")
    book.transfer(date(2024, 2, 1), "bank", "cash", 5000, "atm")
    return book


class Statement(unittest.TestCase):
    def test_lines_and_balances(self):
        result = statement(make_book(), "cash", date(2024, 1, 4), date(2024, 1, 31))
        self.assertEqual(result["opening"], 10000)
        self.assertEqual(result["lines"], [
            {"day": "2024-01-05", "memo": "coffee", "amount": -305, "balance": 9695},
            {"day": "2024-01-10", "memo": "lunch", "amount": -1250, "balance": 8445},
            {"day": "2024-01-10", "memo": "refund", "amount": 200, "balance": 8645},
        ])
        self.assertEqual(result["closing"], 8645)

    def test_text(self):
        result = statement(make_book(), "cash", date(2024, 1, 5), date(2024, 1, 5))
        self.assertEqual(result["text"], "2024-01-05  coffee  -3.05  96.95")

    def test_bounds_included_and_empty(self):
        result = statement(make_book(), "bank", date(2024, 1, 3), date(2024, 1, 3))
        self.assertEqual([line["amount"] for line in result["lines"]], [-10000])
        empty = statement(make_book(), "shop", date(2024, 3, 1), date(2024, 3, 31))
        self.assertEqual((empty["opening"], empty["lines"], empty["closing"], empty["text"]), (1355, [], 1355, ""))

    def test_errors(self):
        with self.assertRaisesRegex(KeyError, "unknown account: safe"):
            statement(make_book(), "safe", date(2024, 1, 1), date(2024, 1, 2))
        with self.assertRaisesRegex(ValueError, "^end before start$"):
            statement(make_book(), "cash", date(2024, 1, 2), date(2024, 1, 1))
