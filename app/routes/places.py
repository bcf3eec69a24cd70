"""Places the sources name: filter by kind, region or country, or by a claim or event that mentions them."""

from app.models.place import PLACE
from app.routes.records import read_router

router = read_router(PLACE)
