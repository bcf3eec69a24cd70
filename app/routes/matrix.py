"""The positions matrix: actors × disputed issues, each cell naming what is supported or opposed, and why."""

from enum import StrEnum
from typing import Annotated

from fastapi import Query

from app.db import SessionDep
from app.read_pool import in_read_pool
from app.routes.base import make_router
from app.services.positions_matrix import PositionMatrix, build_matrix

# A path of its own, not /positions/matrix: under /positions/ it would shadow a position whose id is "matrix".
router = make_router(tags=["positions"])


class MatrixEmbedding(StrEnum):
    """What else a matrix answer can carry."""

    claims = "claims"


@router.get("/position-matrix", response_model=PositionMatrix)
@in_read_pool
def get_position_matrix(
    session: SessionDep,
    issue_id: Annotated[
        str | None, Query(max_length=200, description="Only this issue's column.", examples=["territory-donbas"])
    ] = None,
    actor_id: Annotated[
        str | None, Query(max_length=200, description="Only this actor's row.", examples=["ukraine"])
    ] = None,
    embed: Annotated[
        MatrixEmbedding | None,
        Query(description="`claims`: also answer every backing claim and the sources it quotes.", examples=["claims"]),
    ] = None,
):
    """Get who stands where: actors × issues, from positions on issues, plans and plan points.

    A position on an issue counts for that issue; one on a plan point, for every issue the point touches; one
    on a whole plan, for every issue any of its points touches. Each cell lists the actor's positions that
    count for the issue — stance, summary, what it is a position on (`target_kind`, `target_id`,
    `target_label`) and the backing `claim_ids` — and the distinct `stances`. Positions on a plan or point
    that touches no issue are listed in `unplaced`. With `embed=claims` the answer also holds every backing
    claim and the sources they quote, so a page needs no request per claim. An `issue_id` or `actor_id` that
    names no record is rejected (422).
    """
    return build_matrix(session, issue_id=issue_id, actor_id=actor_id, embed_claims=embed == MatrixEmbedding.claims)
