"""Places the sources name — towns, regions, plants, venues — with curated coordinates, and the claims and
events that mention each.

The whole kind is this module, its migration, its router and its seed file: reads, writes, bulk import, the
seed loader, search, exports and the change feed all come from the declaration at the end.
"""

from enum import StrEnum

from pydantic import Field as Described
from sqlalchemy import JSON, CheckConstraint, Column
from sqlmodel import Field, SQLModel

from app.models.examples import example
from app.models.fields import Number, Record, Slug, Text
from app.models.filters import equal, listing
from app.models.resource import LinkField, Resource, declare, link_table


class PlaceKind(StrEnum):
    city = "city"
    town = "town"
    village = "village"
    region = "region"
    country = "country"
    facility = "facility"
    venue = "venue"


class PlaceBase(SQLModel):
    id: str = Field(primary_key=True, schema_extra={"examples": ["siversk"]})
    name: str
    kind: PlaceKind
    region: str | None = Field(default=None, index=True, description="The region (oblast, state) it lies in.")
    country: str | None = Field(default=None, index=True)
    latitude: float = Field(description="WGS 84 degrees north, curated (not geocoded at run time).")
    longitude: float = Field(description="WGS 84 degrees east, curated.")
    aliases: list[str] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False), description="Every spelling in the sources."
    )
    description: str | None = None


class Place(PlaceBase, table=True):
    __table_args__ = (
        CheckConstraint("latitude BETWEEN -90 AND 90", name="place_latitude_range"),
        CheckConstraint("longitude BETWEEN -180 AND 180", name="place_longitude_range"),
    )


PlaceClaim = link_table("place_claim", owner=("place_id", "place.id"), target=("claim_id", "claim.id"))


PlaceEvent = link_table("place_event", owner=("place_id", "place.id"), target=("event_id", "event.id"))


EXAMPLE = {
    "id": "siversk",
    "name": "Siversk",
    "kind": "town",
    "region": "Donetsk Oblast",
    "country": "Ukraine",
    "latitude": 48.8667,
    "longitude": 38.1,
    "aliases": [],
    "description": "Town in the north of Donetsk Oblast; Ukrainian troops withdrew from it in December 2025.",
    "claim_ids": ["ukrainian-troops-withdrew-from-siversk"],
    "event_ids": ["withdrawal-from-siversk"],
}


class PlacePublic(PlaceBase):
    model_config = example(EXAMPLE)

    claim_ids: list[str] = []
    event_ids: list[str] = []


class PlaceCreate(Record):
    id: Slug
    name: Text
    kind: PlaceKind
    region: str | None = None
    country: str | None = None
    latitude: Number = Described(ge=-90, le=90)
    longitude: Number = Described(ge=-180, le=180)
    aliases: list[Text] = []
    description: str | None = None
    claim_ids: list[Slug] = Described(default=[], description="The claims that mention it.")
    event_ids: list[Slug] = Described(default=[], description="The events that happened there.")


def _search_text(row) -> tuple[str, str]:
    return row.name, "\n".join(part for part in (" · ".join(row.aliases), row.region, row.description) if part)


PLACE = declare(
    Resource(
        kind="place", label="place", collection="places", table=Place, public=PlacePublic, create=PlaceCreate,
        search=_search_text, seed_section="places", sort_fields=("id", "name", "kind", "region"),
        links={
            "claim_ids": LinkField(PlaceClaim, "place_id", "claim_id", "claim"),
            "event_ids": LinkField(PlaceEvent, "place_id", "event_id", "event"),
        },
        filters=(
            equal(Place.kind, PlaceKind, "Only places of this kind."),
            equal(Place.region, str, "Only places in this region, as the records spell it."),
            equal(Place.country, str, "Only places in this country."),
            listing(PlaceClaim.place_id, PlaceClaim.claim_id, "claim_id", "Only places listing this id in claim_ids.",
                    bounded=True),
            listing(PlaceEvent.place_id, PlaceEvent.event_id, "event_id", "Only places listing this id in event_ids.",
                    bounded=True),
        ),
        about="Places the sources name, with curated coordinates, and the claims and events that mention them.",
    )
)  # fmt: skip
