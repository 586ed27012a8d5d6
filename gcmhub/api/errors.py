"""One error shape for every API error:

    {"error": {"status": 400, "code": "invalid", "message": "...", "fields": {"name": ["..."]}}}

A request that does not match the schema answers 400 (`invalid`). One that matches it but that
a rule of the cycle refuses as things stand (an objective not asked of you, a sheet not fully
scored, a section the version does not have, a record of another cycle) answers 422
(`refused`): services raise Django's ValidationError for those, as for the web pages, and
PermissionDenied (403); a stale save (someone saved in between) answers 409.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_handler

from gcmhub.core.errors import StaleVersion


class Stale(exceptions.APIException):
    status_code = 409
    default_code = "stale"


class Refused(exceptions.ValidationError):
    """Well formed, but a rule of the cycle refuses it now (422)."""

    status_code = 422
    default_code = "refused"


def _convert(exc):
    if isinstance(exc, StaleVersion):
        return Stale(" ".join(exc.messages))
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            return Refused(dict(exc.message_dict))
        return Refused({"non_field_errors": exc.messages})
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied()
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    return exc


def _flat(detail, path=""):
    """The messages of a field, those of nested rows named by their place (`2.value: ...`)."""
    if isinstance(detail, dict):
        for key, value in detail.items():
            yield from _flat(value, f"{path}{key}.")
    elif isinstance(detail, list):
        nested = any(isinstance(item, dict | list) for item in detail)
        for index, item in enumerate(detail):
            yield from _flat(item, f"{path}{index}." if nested else path)
    elif path:
        yield f"{path[:-1]}: {detail}"
    else:
        yield str(detail)


def exception_handler(exc, context):
    exc = _convert(exc)
    response = drf_handler(exc, context)
    if response is None:
        return None
    detail = response.data
    fields = {}
    if isinstance(exc, exceptions.ValidationError) and isinstance(detail, dict):
        fields = {k: list(_flat(v)) for k, v in detail.items()}
        message = " ".join(m for messages in fields.values() for m in messages)
    elif isinstance(detail, dict) and "detail" in detail:
        message = str(detail["detail"])
    elif isinstance(detail, list):
        message = " ".join(str(m) for m in detail)
    else:
        message = str(detail)
    code = getattr(exc, "default_code", "error")
    if isinstance(exc, exceptions.APIException):
        codes = exc.get_codes()
        code = codes if isinstance(codes, str) else code
    response.data = error_body(response.status_code, code, message, fields)
    return response


def error_body(status: int, code: str, message: str, fields: dict | None = None) -> dict:
    return {"error": {"status": status, "code": code, "message": message, "fields": fields or {}}}


def _exception_for(request, status: int) -> exceptions.APIException:
    """DRF's exception for an HTTP error status: its code and its (translated) message."""
    known = {
        400: exceptions.ParseError,
        401: exceptions.NotAuthenticated,
        403: exceptions.PermissionDenied,
        404: exceptions.NotFound,
        406: exceptions.NotAcceptable,
        429: exceptions.Throttled,
    }
    if status == 405:
        return exceptions.MethodNotAllowed(request.method)
    if status == 415:
        return exceptions.UnsupportedMediaType(request.content_type)
    if status in known:
        return known[status]()
    exc = exceptions.APIException()
    exc.status_code = status
    return exc


class ErrorShapeMiddleware:
    """Under /api/, every error is in the one error shape, whoever answered it: Django's URL
    resolver (an unknown address), CSRF, `require_POST` on the token page, a sign-in lockout.
    Answers that are JSON already (the viewsets', through `exception_handler`) pass as they
    are; elsewhere the HTML error pages stay."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code < 400
            or not request.path.startswith("/api/")
            or response.streaming
            or response.get("Content-Type", "").startswith("application/json")
        ):
            return response
        exc = _exception_for(request, response.status_code)
        codes = exc.get_codes()
        shaped = JsonResponse(
            error_body(
                response.status_code,
                codes if isinstance(codes, str) else "error",
                str(exc.detail),
            ),
            status=response.status_code,
            json_dumps_params={"ensure_ascii": False},
        )
        for header, value in response.items():
            if header.lower() not in ("content-type", "content-length"):
                shaped[header] = value
        for cookie in response.cookies.values():
            shaped.cookies[cookie.key] = cookie
        return shaped


def document_errors(result, generator, request, public):
    """drf-spectacular postprocessing hook: every operation documents the error shape for the
    statuses it can answer."""
    schema = {
        "type": "object",
        "properties": {
            "error": {
                "type": "object",
                "properties": {
                    "status": {"type": "integer"},
                    "code": {"type": "string"},
                    "message": {"type": "string"},
                    "fields": {
                        "type": "object",
                        "additionalProperties": {"type": "array", "items": {"type": "string"}},
                    },
                },
                "required": ["status", "code", "message", "fields"],
            }
        },
        "required": ["error"],
    }
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = schema
    descriptions = {
        "400": "The request is not valid: `fields` names what is wrong.",
        "422": "The request is well formed, but a rule of the cycle refuses it as things "
        "stand: `message` says which.",
        "401": "Not signed in, or the token is wrong or expired: send a token "
        "(Authorization: Token …) or a session cookie.",
        "403": "Signed in, but this role may not do this.",
        "404": "Not found, or not in one of your networks.",
        "405": "Method not allowed.",
        "406": "Not acceptable.",
        "409": "Someone saved this record after you read it: read it again.",
        "415": "Unsupported media type.",
        "429": "Too many requests, or too many wrong tokens from this address: wait the "
        "seconds that `Retry-After` gives.",
    }
    for path in result.get("paths", {}).values():
        for method, operation in path.items():
            responses = operation.setdefault("responses", {})
            for status, description in descriptions.items():
                if status in ("409", "422") and method == "get":
                    continue
                responses.setdefault(
                    status,
                    {
                        "description": description,
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
                        },
                    },
                )
    return result


NO_NUL = "^[^\\u0000]*$"


def strings_without_nul(result, generator, request, public):
    """drf-spectacular postprocessing hook: text the API accepts never holds a NUL character
    (DRF refuses it with 400, PostgreSQL could not store it); the request schemas say so."""

    def mark(schema):
        if isinstance(schema, dict):
            if schema.get("type") == "string" and "enum" not in schema and "format" not in schema:
                schema.setdefault("pattern", NO_NUL)
            for value in schema.values():
                mark(value)
        elif isinstance(schema, list):
            for value in schema:
                mark(value)

    for name, schema in result.get("components", {}).get("schemas", {}).items():
        if name.endswith("Request"):
            mark(schema)
    return result
