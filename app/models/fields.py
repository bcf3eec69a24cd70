"""Field types every write schema shares: slugs, non-empty text, strict numbers, ISO days.

Numbers and days are read as the JSON schema says they are: no true for 1, "2" for 2, or 0 for 1970-01-01.
"""

import re
from datetime import date
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Strict, StringConstraints

from app.models.vocab import SLUG_PATTERN

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=120)]
Text = Annotated[str, StringConstraints(min_length=1)]

ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")  # compiled once: every dated record of an import meets it


def iso_day(value: Any) -> Any:
    """Admit a date or ``YYYY-MM-DD`` only: pydantic alone would also read a number (``0``) as a day."""
    if isinstance(value, date) or (isinstance(value, str) and ISO_DAY.fullmatch(value)):
        return value
    raise ValueError("must be a date written YYYY-MM-DD")


Day = Annotated[date, BeforeValidator(iso_day)]
Int = Annotated[int, Strict()]
Number = Annotated[float, Strict()]


class Record(BaseModel):
    """A write body: unknown fields are refused, so a misspelt key fails instead of being ignored."""

    model_config = ConfigDict(extra="forbid", use_enum_values=False)
