"""The OpenAPI 3.1 document, generated from the routes as they are declared and from their pydantic models.

Each route is declared once with `operation(...)`: its path, method, query, body and response models and
the problems it may answer with. The same declaration registers the Flask route, parses and checks the
request, and writes the route into the document, so the document cannot drift from the code. Pydantic 2's
JSON Schema (2020-12) is what OpenAPI 3.1 uses for schemas, so the models go in as they are.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from flask import Blueprint
from pydantic import BaseModel

from tracker.api.problems import API_PREFIX, PROBLEM_TYPE, TITLES
from tracker.api.schemas import Problem

ETAG_HEADER = {"description": "The record's version, for If-Match on the next change.",
               "schema": {"type": "string"}}


@dataclass
class Operation:
    rule: str
    method: str
    view: Callable
    summary: str
    tag: str
    response: type[BaseModel] | None
    status: int = 200
    query: type[BaseModel] | None = None
    body: type[BaseModel] | None = None
    problems: tuple[int, ...] = ()
    etag: bool = False
    if_match: bool = False
    description: str = ""
    path_params: list[str] = field(default_factory=list)

    @property
    def path(self) -> str:
        return re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", self.rule)


OPERATIONS: list[Operation] = []
# Every route may answer these: no or a bad token, no right, something broke.
COMMON_PROBLEMS = (401, 403, 500)


def operation(bp: Blueprint, rule: str, method: str, *, summary: str, tag: str,
              response: type[BaseModel] | None, **options) -> Callable:
    """Register the view on the blueprint and in the document."""

    def decorator(view: Callable) -> Callable:
        op = Operation(rule=rule, method=method, view=view, summary=summary, tag=tag, response=response,
                       description=(view.__doc__ or "").strip(), **options)
        op.path_params = re.findall(r"<(?:\w+:)?(\w+)>", rule)
        OPERATIONS.append(op)
        bp.add_url_rule(rule, endpoint=view.__name__, view_func=view, methods=[method])
        return view

    return decorator


def _schemas(models: dict[type[BaseModel], str]) -> dict:
    """Components for the models and every model they refer to: what is sent is described as it is
    validated, what is answered as it is serialised."""
    components: dict = {}
    for model, mode in sorted(models.items(), key=lambda item: item[0].__name__):
        schema = model.model_json_schema(ref_template="#/components/schemas/{model}", mode=mode)
        components.update(schema.pop("$defs", {}))
        components[model.__name__] = schema
    return components


def _parameters(op: Operation) -> list[dict]:
    parameters = [{"name": name, "in": "path", "required": True,
                   "schema": {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}} for name in op.path_params]
    if op.query is not None:
        schema = op.query.model_json_schema()
        required = set(schema.get("required", ()))
        for name, prop in schema["properties"].items():
            description = prop.pop("description", None)
            prop.pop("title", None)
            parameter = {"name": name, "in": "query", "required": name in required, "schema": prop}
            if description:
                parameter["description"] = description
            parameters.append(parameter)
    if op.if_match:
        parameters.append({"name": "If-Match", "in": "header", "required": True,
                           "description": "The ETag of the record as last read.", "schema": {"type": "string"}})
    return parameters


def _responses(op: Operation) -> dict:
    success: dict = {"description": "OK" if op.status == 200 else "Created"}
    if op.response is not None:
        success["content"] = {"application/json": {"schema": {"$ref": f"#/components/schemas/{op.response.__name__}"}}}
    if op.etag:
        success["headers"] = {"ETag": ETAG_HEADER}
        if op.status == 201:
            success["headers"]["Location"] = {"description": "The new record's address.", "schema": {"type": "string"}}
    responses = {str(op.status): success}
    problems = set(COMMON_PROBLEMS) | set(op.problems)
    if op.query is not None or op.body is not None:
        problems.add(422)
    if op.body is not None:
        problems |= {400, 415}
    if op.path_params:
        problems.add(404)
    if op.if_match:
        problems |= {409, 412, 428}
    for status in sorted(problems):
        responses[str(status)] = {
            "description": str(TITLES[status][0]),
            "content": {PROBLEM_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
    return responses


def document() -> dict:
    paths: dict = {}
    models: dict[type[BaseModel], str] = {Problem: "serialization"}
    for op in OPERATIONS:
        entry = {"operationId": op.view.__name__, "summary": op.summary, "tags": [op.tag],
                 "parameters": _parameters(op), "responses": _responses(op)}
        if op.description:
            entry["description"] = op.description
        if op.body is not None:
            entry["requestBody"] = {"required": True, "content": {"application/json": {
                "schema": {"$ref": f"#/components/schemas/{op.body.__name__}"}}}}
            models[op.body] = "validation"
        if op.response is not None:
            models[op.response] = "serialization"
        paths.setdefault(op.path, {})[op.method.lower()] = entry
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Tværs API",
            "version": "1",
            "description": "Områder, forvaltninger, organisationer, samarbejdsorganer, indsatser, samarbejdslog, "
                           "overlapskandidater og redegørelser. Fejl er application/problem+json (RFC 9457) på "
                           "brugerens sprog (Accept-Language; dansk som standard). Ændringer kræver If-Match med "
                           "postens ETag.",
        },
        "servers": [{"url": API_PREFIX}],
        "security": [{"bearerAuth": []}, {"sessionCookie": []}],
        "paths": paths,
        "components": {
            "schemas": _schemas(models),
            "securitySchemes": {
                "bearerAuth": {"type": "http", "scheme": "bearer",
                               "description": "A personal API token from /account/tokens."},
                "sessionCookie": {"type": "apiKey", "in": "cookie", "name": "session",
                                  "description": "A signed-in browser; writes also need the X-CSRFToken header."},
            },
        },
    }
