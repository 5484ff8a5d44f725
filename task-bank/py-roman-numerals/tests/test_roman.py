import unittest

from numerals import from_roman, to_roman


class ToRoman(unittest.TestCase):
    def test_examples(self):
        for n, text in [(1, "I"), (4, "IV"), (9, "IX"), (14, "XIV"), (40, "XL"), (90, "XC"), (400, "CD"), (1994, "MCMXCIV"), (3999, "MMMCMXCIX")]:
            self.assertEqual(to_roman(n), text)

    def test_range(self):
        for n in (0, -1, 4000):
            with self.assertRaisesRegex(ValueError, f"^out of range: {n}$"):
                to_roman(n)

    def test_type(self):
        with self.assertRaisesRegex(TypeError, "^expected an int, got float$"):
            to_roman(3.0)
        with self.assertRaisesRegex(TypeError, "^expected an int, got bool$"):
            to_roman(True)


class FromRoman(unittest.TestCase):
    def test_round_trip(self):
        for n in range(1, 4000):
            self.assertEqual(from_roman(to_roman(n)), n)

    def test_case_and_space(self):
        self.assertEqual(from_roman("  xiv "), 14)

    def test_rejects_non_canonical(self):
        for text in ("IIII", "IC", "VV", "", "ABC", "MMMM"):
            with self.assertRaisesRegex(ValueError, "^not a roman numeral: "):
                from_roman(text)
        with self.assertRaisesRegex(ValueError, "^not a roman numeral: IIII$"):
            from_roman("IIII")
