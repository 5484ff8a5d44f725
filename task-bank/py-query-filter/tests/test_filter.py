import unittest

from rowquery import filter_rows

ROWS = [
    {"name": "Ann", "age": 34, "city": "Oslo", "active": True},
    {"name": "Bob", "age": 25, "city": "Rome", "active": False},
    {"name": "Cy", "age": 41.5, "active": True},
    {"name": "Di", "age": "old", "city": "Oslo", "active": 1},
]


def names(query):
    return [row["name"] for row in filter_rows(ROWS, query)]


class Filter(unittest.TestCase):
    def test_simple(self):
        self.assertEqual(names('city = "Oslo"'), ["Ann", "Di"])
        self.assertEqual(names("age > 30"), ["Ann", "Cy"])

    def test_boolean_logic(self):
        self.assertEqual(names('age >= 30 and (city = "Oslo" or not active = true)'), ["Ann"])
        self.assertEqual(names('not city = "Oslo"'), ["Bob", "Cy"])

    def test_missing_key_is_false(self):
        self.assertEqual(names('city != "Oslo"'), ["Bob"])

    def test_bool_never_equals_number(self):
        self.assertEqual(names("active = 1"), ["Di"])
        self.assertEqual(names("active = true"), ["Ann", "Cy"])
        self.assertEqual(names("active != 1"), ["Ann", "Bob", "Cy"])

    def test_ordering_needs_same_kind(self):
        self.assertEqual(names('age < "z"'), ["Di"])
        self.assertEqual(names("active < 5"), ["Di"])

    def test_returns_same_objects(self):
        self.assertIs(filter_rows(ROWS, 'name = "Bob"')[0], ROWS[1])
