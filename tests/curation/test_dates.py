"""Dates as data: each written form of the seed texts, normalised to ISO with the precision the text gives."""

from datetime import date

import pytest

from app.curation.dates import find_dates


def dates(text: str, **options) -> list[tuple[str, str, str, str | None]]:
    return [(d.text, d.iso, d.precision, d.qualifier) for d in find_dates(text, **options)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Date: 2025‑12‑25 22:27:52 | Source", ("2025‑12‑25 22:27:52", "2025-12-25", "day", None)),
        ("presented on 24 Dec 2025 during", ("24 Dec 2025", "2025-12-24", "day", None)),
        ("on December 24, 2025 the envoys", ("December 24, 2025", "2025-12-24", "day", None)),
        ("the 3rd of March 2026", ("3rd of March 2026", "2026-03-03", "day", None)),
        ("Register by 10 Jan 2026 to", ("10 Jan 2026", "2026-01-10", "day", "by")),
        ("scheduled no earlier than 2027.", ("2027", "2027", "year", "no earlier than")),
        ("anticipated early February 2026)", ("early February 2026", "2026-02", "month", "early")),
        ("Where Things Stand (Late Dec 2025)", ("Late Dec 2025", "2025-12", "month", "late")),
        ("Title (as of Dec 2025)", ("Dec 2025", "2025-12", "month", "as of")),
        ("full-scale invasion in 2022.", ("2022", "2022", "year", None)),
        ("election cycles (2026) will", ("2026", "2026", "year", None)),
        ("a report dated 2025/12/01", ("2025/12/01", "2025-12-01", "day", None)),
        ("signed 25/06/2025 in Minsk", ("25/06/2025", "2025-06-25", "day", None)),
    ],
)
def test_find_dates_reads_every_form_the_seed_uses(text, expected):
    assert dates(text) == [expected]


def test_find_dates_gives_offsets_into_the_source_text():
    text = "Talks on 24 Dec 2025, then more."

    (found,) = find_dates(text)

    assert text[found.start : found.end] == "24 Dec 2025"
    assert found.on == date(2025, 12, 24)


def test_a_date_without_a_year_takes_the_reference_year_or_stays_yearless():
    assert dates("talks resume on 14 February") == [("14 February", "--02-14", "day", None)]
    assert dates("talks resume on 14 February", reference=date(2026, 1, 5)) == [
        ("14 February", "2026-02-14", "day", None)
    ]
    assert dates("a second round in April.") == [("April", "--04", "month", None)]


@pytest.mark.parametrize(
    "text",
    [
        "an immediate 48-hour pause",  # dateparser reads 2048
        "roughly 75% of Donetsk",  # dateparser reads 1975
        "2000 troops arrived",  # a count, not a year
        "the envoys may decide",  # "may" the verb
        "24 may decide",
        "05/06/2025 is ambiguous",  # day-month or month-day: the text does not say
        "call 555-2001 now",
        "an F-2020 prototype",
        "stage 1: Immediate pause",
    ],
)
def test_find_dates_reads_no_date_where_there_is_none(text):
    assert [d.iso for d in find_dates(text)] == []


def test_an_impossible_day_is_not_a_day():
    assert dates("on 31 Feb 2025") == [("Feb 2025", "2025-02", "month", None)]


def test_a_range_of_years_is_two_years():
    assert [d.iso for d in find_dates("the 1999–2001 talks")] == ["1999", "2001"]


def test_relative_days_are_read_against_the_reports_own_date():
    from app.curation.dates import find_relative_days

    tuesday = date(2025, 12, 2)
    text = "He spoke on Tuesday, met them last Tuesday and yesterday, and flies today; Friday's talks. tuesday"
    found = [(d.text, d.iso) for d in find_relative_days(text, tuesday)]
    assert found == [("Tuesday", "2025-12-02"), ("last Tuesday", "2025-11-25"), ("yesterday", "2025-12-01"),
                     ("today", "2025-12-02"), ("Friday", "2025-11-28")]  # fmt: skip
    assert find_relative_days(text, None) == []  # no date of its own: a weekday dates nothing
    assert find_relative_days("on Tuesday 2 December 2025", tuesday) == []  # the written date says it


def test_a_wire_reports_dateline_is_told_apart_from_the_dates_it_reports():
    from app.curation.dates import in_dateline

    text = "Headline\nGENEVA, Dec 2 (Reuters) - Talks resumed; a vote is due on Dec 9 - officials said."
    first, second = find_dates(text, reference=date(2025, 12, 2))
    assert in_dateline(text, first) and not in_dateline(text, second)
