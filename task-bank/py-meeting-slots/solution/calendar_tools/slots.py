"""Merging busy time and finding free slots (see spec.md)."""
from .intervals import Interval, parse_interval
from .timefmt import format_minutes, parse_minutes


def merge_busy(intervals):
    merged = []
    for interval in sorted(i for i in intervals if i.end > i.start):
        if merged and interval.start <= merged[-1].end:
            last = merged[-1]
            merged[-1] = Interval(last.start, max(last.end, interval.end))
        else:
            merged.append(interval)
    return merged


def _positive(value):
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def free_slots(calendars, day_start, day_end, length, step=None):
    step = length if step is None else step
    if not _positive(length) or not _positive(step):
        raise ValueError("length and step must be positive")
    start, end = parse_minutes(day_start), parse_minutes(day_end)
    if end <= start:
        raise ValueError("empty day")
    busy = merge_busy([parse_interval(text) for calendar in calendars for text in calendar])
    slots = []
    at = start
    while at + length <= end:
        meeting = Interval(at, at + length)
        if not any(meeting.overlaps(interval) for interval in busy):
            slots.append(format_minutes(at))
        at += step
    return slots
