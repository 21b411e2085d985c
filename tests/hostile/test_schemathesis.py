"""schemathesis against the server's own OpenAPI schema (/api/v1/openapi.json), in process
over ASGI: every /api operation with generated requests, valid (positive) and invalid
(negative), as a device of a village and unauthenticated. Checks: no 500
(not_a_server_error), every answer's status code is declared (status_code_conformance) and
its body matches the declared model (response_schema_conformance).

Each operation runs as its own hypothesis test (schemathesis' lazy pytest plugin does not
work with this pytest), a few examples in CI; PAYUNG_FUZZ_EXAMPLES=N for a long run.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from tests.hostile.conftest import Villages, fuzz_examples

CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]
OPERATIONS = [
    ("GET", "/api/v1/health"),
    ("POST", "/api/v1/connect"),
    ("POST", "/api/v1/sync/hello"),
    ("POST", "/api/v1/sync/reinit"),
    ("POST", "/api/v1/sync/push"),
    ("GET", "/api/v1/sync/pull"),
    ("GET", "/api/v1/sync/verify"),
    ("GET", "/api/v1/sync/table/{entity}"),
    ("GET", "/api/v1/sync/review"),
]
# Operations with a body, query or path parameter: the ones invalid input can be made for.
WITH_INPUT = [
    op
    for op in OPERATIONS
    if op[1] not in ("/api/v1/health", "/api/v1/sync/verify", "/api/v1/sync/review")
]


@pytest.fixture(scope="module")
def api_schema(shared_villages: Villages) -> Any:
    return schemathesis.openapi.from_asgi("/api/v1/openapi.json", shared_villages.app)


def test_the_schema_is_the_api_and_the_list_names_every_operation(api_schema: Any) -> None:
    """The dashboard's HTML routes are left out of the schema; every API operation is run."""
    found = {
        (result.ok().method.upper(), result.ok().path) for result in api_schema.get_all_operations()
    }
    assert found == set(OPERATIONS)


def _run(operation: Any, mode: GenerationMode, headers: dict[str, str], examples: int) -> None:
    @settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case: Any) -> None:
        case.call_and_validate(headers=headers, checks=CHECKS)

    run()


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_api_as_a_device(
    api_schema: Any, shared_villages: Villages, method: str, path: str
) -> None:
    operation = api_schema[path][method]
    _run(operation, GenerationMode.POSITIVE, shared_villages.a.headers(), fuzz_examples(15))


@pytest.mark.parametrize(("method", "path"), WITH_INPUT)
def test_api_invalid_input_as_a_device(
    api_schema: Any, shared_villages: Villages, method: str, path: str
) -> None:
    operation = api_schema[path][method]
    _run(operation, GenerationMode.NEGATIVE, shared_villages.a.headers(), fuzz_examples(15))


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_api_unauthenticated(api_schema: Any, method: str, path: str) -> None:
    _run(api_schema[path][method], GenerationMode.POSITIVE, {}, fuzz_examples(5))
