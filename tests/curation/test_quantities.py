"""Numbers as data: percentages, money, counts and durations, with the approximation the text states."""

import pytest

from app.curation.dates import find_dates
from app.curation.quantities import find_quantities

THESAURUS = {"POW": "prisoner of war"}


def quantities(text: str) -> list[tuple]:
    taken = [(d.start, d.end) for d in find_dates(text)]
    return [
        (q.text, q.kind, q.value, q.unit, q.qualifier, q.approximate)
        for q in find_quantities(text, dates=taken, thesaurus=THESAURUS)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$15 billion U.S. reconstruction fund", ("$15 billion", "money", 15e9, "USD", None, False)),
        ("The initial $3 billion will", ("$3 billion", "money", 3e9, "USD", None, False)),
        ("€2.5bn in aid", ("€2.5bn", "money", 2.5e9, "EUR", None, False)),
        ("£300 million pledged", ("£300 million", "money", 3e8, "GBP", None, False)),
        ("USD 5 million", ("USD 5 million", "money", 5e6, "USD", None, False)),
        ("12 dollars", ("12 dollars", "money", 12.0, "USD", None, False)),
        ("roughly 75% of Donetsk", ("roughly 75%", "percent", 75.0, "percent", "roughly", True)),
        ("~99% of Luhansk", ("~99%", "percent", 99.0, "percent", "~", True)),
        ("by ~35 % within", ("~35 %", "percent", 35.0, "percent", "~", True)),
        ("some 40 percent", ("some 40 percent", "percent", 40.0, "percent", "some", True)),
        ("Immediate 48‑hour humanitarian pause", ("48‑hour", "duration", 48.0, "hours", None, False)),
        ("a nearly one-hour call", ("nearly one-hour", "duration", 1.0, "hour", "nearly", True)),
        ("the nearly four-year war", ("nearly four-year", "duration", 4.0, "years", "nearly", True)),
        ("Within 72 hours of", ("72 hours", "duration", 72.0, "hours", None, False)),
        ("a revised 20-point peace plan", ("20-point", "count", 20.0, "points", None, False)),
        ("4,500 civilians from", ("4,500 civilians", "count", 4500.0, "civilians", None, False)),
        ("All three envoys presented", ("three envoys", "count", 3.0, "envoys", None, False)),
        ("more than 1,000 troops", ("more than 1,000 troops", "count", 1000.0, "troops", "more than", False)),
        ("two hundred soldiers", ("two hundred soldiers", "count", 200.0, "soldiers", None, False)),
        ("2 million people fled", ("2 million people", "count", 2e6, "people", None, False)),
        ("nearly 3.7 million", ("nearly 3.7 million", "count", 3.7e6, None, "nearly", True)),
    ],
)
def test_find_quantities_reads_each_kind_of_figure(text, expected):
    assert quantities(text) == [expected]


def test_a_count_is_named_by_its_noun_past_capitalised_adjectives_and_through_the_thesaurus():
    assert quantities("exchange of 2,300 Ukrainian POWs for 1,800 Russian soldiers held by Kyiv") == [
        ("2,300 Ukrainian POWs", "count", 2300.0, "prisoners of war", None, False),
        ("1,800 Russian soldiers", "count", 1800.0, "soldiers", None, False),
    ]
    assert quantities("about 1,200 prisoners of war, and") == [
        ("about 1,200 prisoners of war", "count", 1200.0, "prisoners of war", "about", True)
    ]


def test_a_qualifier_joined_by_a_hyphen_is_kept():
    assert quantities("near-total domination-about 99%-in Luhansk") == [
        ("about 99%", "percent", 99.0, "percent", "about", True)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "stage 1: Immediate pause",
        "the Stage 1 ceasefire",
        "an F-16 jet",
        "one of the envoys",
        "two-thirds of the region",
        "at 14:30 local time",
        "invasion in 2022.",  # a year is a date
        "on 24 Dec 2025",
        "scheduled no earlier than 2027",
    ],
)
def test_labels_times_and_dates_are_no_quantities(text):
    assert quantities(text) == []


def test_quantity_offsets_are_offsets_into_the_source_text():
    text = "Moscow controls about 75% of Donetsk; ~99% of Luhansk"
    found = find_quantities(text)
    assert [text[q.start : q.end] for q in found] == ["about 75%", "~99%"]


def test_an_acronym_count_keeps_its_capitals_without_a_thesaurus():
    (found,) = find_quantities("2,300 Ukrainian POWs for them")

    assert (found.value, found.unit) == (2300.0, "POWs")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a zone of 15 km on each side", ("15 km", "length", 15.0, "km", None, False)),
        ("a 15-km buffer zone", ("15-km", "length", 15.0, "km", None, False)),
        ("about 2,000 tonnes of grain", ("about 2,000 tonnes", "mass", 2000.0, "tonnes", "about", True)),
        ("lost 1,200 MW of capacity", ("1,200 MW", "power", 1200.0, "MW", None, False)),
    ],
)
def test_a_unit_of_measurement_is_a_measurement_not_a_count(text, expected):
    assert quantities(text) == [expected]
