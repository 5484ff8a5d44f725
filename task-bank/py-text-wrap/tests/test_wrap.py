import unittest

from textkit import wrap_text


class WrapText(unittest.TestCase):
    def test_greedy(self):
        self.assertEqual(wrap_text("the quick brown fox", 10), ["the quick", "brown fox"])
        self.assertEqual(wrap_text("a b c d", 3), ["a b", "c d"])

    def test_whitespace_collapses(self):
        self.assertEqual(wrap_text("  one\ttwo\n\nthree  ", 20), ["one two three"])

    def test_exact_fit(self):
        self.assertEqual(wrap_text("abc def", 7), ["abc def"])
        self.assertEqual(wrap_text("abc def", 6), ["abc", "def"])

    def test_long_words_split(self):
        self.assertEqual(wrap_text("abcdefghij", 4), ["abcd", "efgh", "ij"])
        self.assertEqual(wrap_text("hi abcdefg x", 4), ["hi", "abcd", "efg", "x"])

    def test_empty(self):
        self.assertEqual(wrap_text("", 5), [])
        self.assertEqual(wrap_text(" \n\t", 5), [])

    def test_bad_width(self):
        for width in (0, -2, 2.5, "3", True):
            with self.assertRaisesRegex(ValueError, "^width must be a positive int$"):
                wrap_text("abc", width)
