"""The OpenAPI 3.1 description of the JSON API, built from the same table as the routes."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest, JsonResponse

from hegui.web.register.api import RESOURCES

_TYPES: dict[type[models.Field], dict[str, Any]] = {
    models.DateField: {"type": "string", "format": "date"},
    models.DateTimeField: {"type": "string", "format": "date-time"},
    models.BigAutoField: {"type": "integer"},
    models.ForeignKey: {"type": ["integer", "null"]},
    models.JSONField: {"type": "object"},
}
_ERROR = {
    "description": "error",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}


def _field_schema(model: type[models.Model], name: str) -> dict[str, Any]:
    field = model._meta.get_field(name)
    for cls, schema in _TYPES.items():
        if isinstance(field, cls):
            out = dict(schema)
            break
    else:
        out = {"type": "string"}
    choices = getattr(field, "choices", None)
    if choices:
        out["enum"] = [value for value, _ in choices]
    if getattr(field, "null", False) and out.get("type") == "string":
        out["type"] = ["string", "null"]
    return out


def _json(schema: dict[str, Any], description: str = "OK") -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


# Optimistic locking on single records: GET sends an ETag, PATCH with If-Match refuses stale edits.
_IF_MATCH = {
    "name": "If-Match",
    "in": "header",
    "required": False,
    "schema": {"type": "string"},
    "description": "ETag of the record as last read: someone else's later change answers 412",
}
_STALE = {
    "description": "The record (or profile) changed since it was read: nothing was saved",
    "content": {"application/json": {"schema": {"type": "object"}}},
}


def _with_etag(response: dict[str, Any]) -> dict[str, Any]:
    etag = {"description": "Version of this record, for If-Match", "schema": {"type": "string"}}
    return {**response, "headers": {"ETag": etag}}


def _op(
    summary: str, response: dict[str, Any], body: dict[str, Any] | None = None
) -> dict[str, Any]:
    op: dict[str, Any] = {
        "summary": summary,
        "responses": {"200": response, "400": _ERROR, "401": _ERROR, "403": _ERROR, "404": _ERROR},
    }
    if body is not None:
        op["requestBody"] = {"required": True, "content": {"application/json": {"schema": body}}}
    return op


def build_schema() -> dict[str, Any]:
    """The complete OpenAPI document."""
    org = {"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}}
    pk = {"name": "pk", "in": "path", "required": True, "schema": {"type": "integer"}}
    ref = "#/components/schemas/"
    schemas: dict[str, Any] = {
        "Error": {"type": "object", "properties": {"error": {"type": "string"}, "details": {}}},
        "Organisation": {
            "type": "object",
            "properties": {
                "slug": {"type": "string"},
                "name": {"type": "string"},
                "role": {"type": "string", "enum": ["viewer", "editor", "admin"]},
            },
        },
        "Profile": {
            "type": "object",
            "properties": {
                "number": {"type": "integer"},
                "note": {"type": "string"},
                "yaml": {"type": "string"},
            },
        },
        "Assessment": {
            "type": "object",
            "properties": {
                "id": {"type": "integer"},
                "as_of": {"type": "string", "format": "date"},
                "result": {"type": "object", "description": "hegui.api.assess() output as JSON"},
            },
        },
        "Deadline": {
            "type": "object",
            "properties": {
                "date": {"type": "string", "format": "date"},
                "at": {"type": ["string", "null"]},
                "kind": {"type": "string"},
                "label": {"type": "string"},
                "open": {"type": "boolean"},
            },
        },
    }
    paths: dict[str, Any] = {
        "/api/schema": {
            "get": {
                "summary": "This document",
                "security": [],
                "responses": {"200": _json({"type": "object"})},
            }
        },
        "/api/orgs": {
            "get": _op(
                "Organisations the token's user belongs to",
                _json({"type": "array", "items": {"$ref": ref + "Organisation"}}),
            )
        },
        "/api/orgs/{slug}/profile": {
            "parameters": [org],
            "get": _op("Current profile version", _json({"$ref": ref + "Profile"})),
            "put": _op(
                "Save a new profile version (editor)",
                _json({"$ref": ref + "Profile"}),
                {
                    "type": "object",
                    "required": ["yaml"],
                    "properties": {
                        "yaml": {"type": "string"},
                        "note": {"type": "string"},
                        "based_on": {
                            "type": "integer",
                            "description": "Version number the text was edited from: a newer "
                            "saved version answers 412 instead of being overwritten",
                        },
                    },
                },
            ),
        },
        "/api/orgs/{slug}/assessments": {
            "parameters": [org],
            "get": _op("Stored assessments", _json({"type": "array", "items": {"type": "object"}})),
            "post": _op(
                "Run an assessment of the current profile (editor)",
                _json({"$ref": ref + "Assessment"}),
                {"type": "object", "properties": {"as_of": {"type": "string", "format": "date"}}},
            ),
        },
        "/api/orgs/{slug}/assessments/{pk}": {
            "parameters": [org, pk],
            "get": _op("One assessment with its findings", _json({"$ref": ref + "Assessment"})),
        },
        "/api/orgs/{slug}/deadlines": {
            "parameters": [org],
            "get": _op(
                "Every deadline in the register",
                _json({"type": "array", "items": {"$ref": ref + "Deadline"}}),
            ),
        },
    }
    clock = {"name": "clock", "in": "path", "required": True, "schema": {"type": "integer"}}
    schemas["Scan"] = {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "kind": {"type": "string", "enum": ["table", "app"]},
            "name": {"type": "string"},
            "uploaded_by": {"type": "string"},
            "uploaded_at": {"type": "string", "format": "date-time"},
            "summary": {"type": "object", "description": "counts, verdicts, masked samples only"},
        },
    }
    paths["/api/orgs/{slug}/profile"]["put"]["responses"]["412"] = _STALE
    paths["/api/orgs/{slug}/scans"] = {
        "parameters": [org],
        "get": _op(
            "Stored scan results", _json({"type": "array", "items": {"$ref": ref + "Scan"}})
        ),
        "post": _op(
            "Store a scan result (sanitised; editor)",
            _json({"$ref": ref + "Scan"}),
            {
                "type": "object",
                "required": ["kind", "name", "result"],
                "properties": {
                    "kind": {"type": "string", "enum": ["table", "app"]},
                    "name": {"type": "string"},
                    "result": {"type": "object"},
                },
            },
        ),
    }
    paths["/api/orgs/{slug}/pi-audits"] = {
        "parameters": [org],
        "get": _op(
            "PI compliance audits with checklist items and evidence checksums",
            _json({"type": "array", "items": {"type": "object"}}),
        ),
    }
    paths["/api/orgs/{slug}/incidents/{pk}/clocks/{clock}/sent"] = {
        "parameters": [org, pk, clock],
        "post": _op(
            'Mark a report sent now or at "at", or {"undo": true} (editor)',
            _json({"type": "object"}),
            {
                "type": "object",
                "properties": {
                    "undo": {"type": "boolean"},
                    "at": {
                        "type": "string",
                        "format": "date-time",
                        "description": "When it was sent (default now); not in the future, "
                        "not before the detection time",
                    },
                },
            },
        ),
    }
    for name, res in RESOURCES.items():
        title = name[:-1].capitalize()
        props = {f: _field_schema(res.model, f) for f in res.fields}
        if name == "incidents":
            props["clocks"] = {"type": "array", "readOnly": True, "items": {"type": "object"}}
            props["facts"] = {"type": "object", "description": "Incident facts for hegui.api"}
        schemas[title] = {"type": "object", "properties": props}
        writable = {f: props[f] for f in res.fields if f in res.form.base_fields or f == "facts"}
        one = _json({"$ref": ref + title})
        coll: dict[str, Any] = {
            "parameters": [org],
            "get": _op(f"List {name}", _json({"type": "array", "items": {"$ref": ref + title}})),
        }
        if res.creatable:
            coll["post"] = _op(
                f"Create one of {name} (editor)", one, {"type": "object", "properties": writable}
            )
            coll["post"]["responses"]["201"] = coll["post"]["responses"].pop("200")
        paths[f"/api/orgs/{{slug}}/{name}"] = coll
        patch = _op("Update fields (editor)", one, {"type": "object", "properties": writable})
        patch["parameters"] = [_IF_MATCH]
        patch["responses"]["412"] = _STALE
        paths[f"/api/orgs/{{slug}}/{name}/{{pk}}"] = {
            "parameters": [org, pk],
            "get": _op(f"One of {name}", _with_etag(one)),
            "patch": patch,
        }
    return {
        "openapi": "3.1.0",
        "info": {"title": "hegui compliance register API", "version": "1"},
        "security": [{"token": []}],
        "components": {
            "securitySchemes": {"token": {"type": "http", "scheme": "bearer"}},
            "schemas": schemas,
        },
        "paths": paths,
    }


def schema_view(request: HttpRequest) -> JsonResponse:
    """Serve the schema (public: it describes the API, not any organisation's data)."""
    return JsonResponse(build_schema())
