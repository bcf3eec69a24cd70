"""Sorted spans, so that the assistant's cost grows with the text, not with its square."""

from bisect import bisect_left, insort
from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar


class Located(Protocol):
    start: int
    end: int


T = TypeVar("T", bound=Located)


class Taken:
    """Disjoint [start, end) spans: does a new one overlap any? In O(log n)."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()):
        self.spans: list[tuple[int, int]] = sorted(spans)

    def overlaps(self, start: int, end: int) -> bool:
        # Disjoint and sorted by start, so sorted by end too: the last span starting before ``end`` reaches
        # furthest among all that could overlap.
        index = bisect_left(self.spans, (end,)) - 1
        return index >= 0 and self.spans[index][1] > start

    def add(self, start: int, end: int) -> None:
        insort(self.spans, (start, end))


class ByStart(Sequence[T]):
    """Items sorted by start, to take those lying inside a span without scanning them all."""

    def __init__(self, items: Iterable[T]):
        self.items = sorted(items, key=lambda item: (item.start, item.end))
        self.starts = [item.start for item in self.items]

    def __getitem__(self, index):  # type: ignore[override]
        return self.items[index]

    def __len__(self) -> int:
        return len(self.items)

    def within(self, start: int, end: int) -> list[T]:
        found, index = [], bisect_left(self.starts, start)
        while index < len(self.items) and self.items[index].start < end:
            if self.items[index].end <= end:
                found.append(self.items[index])
            index += 1
        return found

    def before(self, position: int) -> int:
        """How many items start before ``position``."""
        return bisect_left(self.starts, position)
