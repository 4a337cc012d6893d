"""The API's own OpenAPI document, read once, and its operations as test parameters."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from drf_spectacular.generators import SchemaGenerator

# The simulator's endpoints have tests of their own (tests/api/test_simulate*.py) and take
# bigger bodies, so schemathesis gives them more examples.
SIMULATE_PATHS = ("/api/v1/simulate/",)


@functools.lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The OpenAPI document as /api/v1/schema/ serves it."""
    return SchemaGenerator().get_schema(request=None, public=True)


@dataclass(frozen=True)
class Op:
    """One operation of the document."""

    method: str
    path: str
    spec: Any

    def __str__(self) -> str:
        return f"{self.method} {self.path}"

    @property
    def query(self) -> str:
        """A query string with an example value for each required query parameter."""
        pairs = []
        for param in self.spec.get("parameters", []):
            if param["in"] == "query" and param.get("required"):
                value = next(iter(param["examples"].values()))["value"]
                for item in value if isinstance(value, list) else [value]:
                    pairs.append(f"{param['name']}={item}")
        return "?" + "&".join(pairs) if pairs else ""

    @property
    def request_example(self) -> Any:
        """The first request-body example (every body documents one), or None without a body."""
        body = self.spec.get("requestBody")
        if body is None:
            return None
        examples = body["content"]["application/json"].get("examples", {})
        return next(iter(examples.values()))["value"] if examples else {}


def operations() -> list[Op]:
    """Every operation but the simulator's."""
    ops = []
    for path, item in schema()["paths"].items():
        if path.startswith(SIMULATE_PATHS):
            continue
        for method, spec in item.items():
            if method in ("get", "post", "put", "patch", "delete"):
                ops.append(Op(method.upper(), path, spec))
    return ops
