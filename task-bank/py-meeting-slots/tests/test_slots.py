import unittest

from calendar_tools import Interval, free_slots, merge_busy


class Merge(unittest.TestCase):
    def test_merges_overlapping_and_touching(self):
        busy = [Interval(100, 120), Interval(60, 90), Interval(90, 100), Interval(200, 210), Interval(205, 230)]
        self.assertEqual(merge_busy(busy), [Interval(60, 120), Interval(200, 230)])

    def test_drops_empty_and_keeps_input(self):
        busy = [Interval(50, 50), Interval(10, 20)]
        self.assertEqual(merge_busy(busy), [Interval(10, 20)])
        self.assertEqual(busy, [Interval(50, 50), Interval(10, 20)])

    def test_contained(self):
        self.assertEqual(merge_busy([Interval(0, 100), Interval(10, 20)]), [Interval(0, 100)])


class FreeSlots(unittest.TestCase):
    def test_example(self):
        self.assertEqual(free_slots([["09:30-10:00"], ["11:00-11:30"]], "09:00", "12:00", 30), ["09:00", "10:00", "10:30", "11:30"])

    def test_step(self):
        self.assertEqual(free_slots([["10:00-10:20"]], "09:30", "11:00", 30, step=15), ["09:30", "10:30"])

    def test_must_end_by_day_end(self):
        self.assertEqual(free_slots([], "09:00", "10:10", 30), ["09:00", "09:30"])

    def test_all_busy(self):
        self.assertEqual(free_slots([["08:00-13:00"], []], "09:00", "12:00", 30), [])

    def test_errors(self):
        with self.assertRaisesRegex(ValueError, "^length and step must be positive$"):
            free_slots([], "09:00", "10:00", 0)
        with self.assertRaisesRegex(ValueError, "^length and step must be positive$"):
            free_slots([], "09:00", "10:00", 30, step=-5)
        with self.assertRaisesRegex(ValueError, "^empty day$"):
            free_slots([], "10:00", "10:00", 30)
        with self.assertRaisesRegex(ValueError, "bad time"):
            free_slots([["9:00-10:00"]], "09:00", "12:00", 30)
