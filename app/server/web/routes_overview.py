"""`/ringkasan`: the kabupaten overview (coverage, arrears, villages not syncing, payers).

Query parameters carry no personal data: `hari` (days without sync, default 7) and `urut`
(how the arrears table is sorted). Every operator role may see it.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from app.domain.formatting import format_period
from app.server.deps import SessionDep
from app.server.reports import STALE_DAYS, VillageCoverage, overview
from app.server.web.render import page
from app.server.web.security import CurrentOperator, clock_of

router = APIRouter()

SortKey = Literal["tunggakan", "peringatan", "terputus", "desa"]
SORT_LABELS: dict[str, str] = {
    "tunggakan": "Menunggak",
    "peringatan": "Hampir terputus",
    "terputus": "Terputus",
    "desa": "Kode desa",
}


def _sorted_arrears(villages: list[VillageCoverage], key: SortKey) -> list[VillageCoverage]:
    with_any = [v for v in villages if v.arrears or v.warning or v.lapsed]
    if key == "desa":
        return sorted(with_any, key=lambda v: v.code)
    attribute = {"tunggakan": "arrears", "peringatan": "warning", "terputus": "lapsed"}[key]
    return sorted(with_any, key=lambda v: (-int(getattr(v, attribute)), v.code))


@router.get("/ringkasan", response_class=HTMLResponse)
def overview_page(
    request: Request,
    session: SessionDep,
    _operator: CurrentOperator,
    hari: Annotated[int, Query(ge=1, le=3650)] = STALE_DAYS,
    urut: SortKey = "tunggakan",
) -> HTMLResponse:
    now = clock_of(request)
    report = overview(session, now.date(), now, stale_days=hari)
    context = {
        "report": report,
        "coverage": report.coverage,
        "arrears": _sorted_arrears(report.coverage.villages, urut),
        "sort": urut,
        "sort_labels": SORT_LABELS,
        "today": now.date(),
        "month_label": format_period(report.period),
    }
    return page(request, "overview.html", context)
