"""Login and logout of the dashboard; `/` sends to the overview."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from app.server.deps import SessionDep
from app.server.tables import audit_entry
from app.server.web.render import page
from app.server.web.security import (
    CSRF_REFUSED,
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    WRONG_LOGIN,
    CsrfChecked,
    MaybeOperator,
    authenticate_password,
    clear_login_failures,
    clear_session_cookie,
    client_ip,
    clock_of,
    close_session,
    count_login_failure,
    locked_message,
    locked_until,
    login_csrf_token,
    open_session,
    set_login_csrf_cookie,
    set_session_cookie,
    tokens_match,
)

router = APIRouter()
HOME = "/ringkasan"


@router.get("/")
def home() -> RedirectResponse:
    return RedirectResponse(HOME, status_code=303)


@router.get("/login")
def login_form(request: Request, operator: MaybeOperator) -> Response:
    if operator is not None:
        return RedirectResponse(HOME, status_code=303)
    return _login_page(request, message="", username="", status=200)


@router.post("/login")
def login(
    *,
    request: Request,
    session: SessionDep,
    operator: MaybeOperator,
    username: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=2000)] = "",
    csrf_token: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """Refusals re-show the form: 403 for a stale form, 429 while locked, 401 for a wrong
    username or password (one message for both)."""
    if not tokens_match(request.cookies.get(LOGIN_CSRF_COOKIE, ""), csrf_token):
        return _login_page(request, message=CSRF_REFUSED, username="", status=403)
    now = clock_of(request)
    ip = client_ip(request)
    until = locked_until(session, username, ip, now)
    if until is not None:
        return _login_page(
            request, message=locked_message(until, now), username=username, status=429
        )
    found = authenticate_password(session, username, password)
    if found is None:
        count_login_failure(session, username, ip, now)
        return _login_page(request, message=WRONG_LOGIN, username=username, status=401)
    operator_id, name = found
    clear_login_failures(session, name)
    if operator is not None:  # a second login in the same browser replaces the first
        close_session(session, request.cookies.get(SESSION_COOKIE, ""))
    cookie = open_session(session, operator_id, now)
    session.execute(
        audit_entry(
            actor=f"operator:{name}", action="login", entity="operator", row_id=operator_id, at=now
        )
    )
    response = RedirectResponse(HOME, status_code=303)
    set_session_cookie(response, request, cookie)
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
    return response


@router.post("/logout")
def logout(request: Request, session: SessionDep, operator: CsrfChecked) -> Response:
    close_session(session, request.cookies.get(SESSION_COOKIE, ""))
    session.execute(
        audit_entry(
            actor=operator.actor,
            action="logout",
            entity="operator",
            row_id=operator.id,
            at=clock_of(request),
        )
    )
    response = RedirectResponse("/login", status_code=303)
    clear_session_cookie(response, request)
    return response


def _login_page(request: Request, *, message: str, username: str, status: int) -> Response:
    token = login_csrf_token(request)
    response = page(
        request,
        "login.html",
        {"message": message, "username": username[:64], "csrf_token": token},
        status=status,
    )
    set_login_csrf_cookie(response, request, token)
    return response
