"""One error shape for every API error:

    {"error": {"status": 400, "code": "invalid", "message": "...", "fields": {"name": ["..."]}}}

Services raise Django's ValidationError and PermissionDenied, as for the web pages; they are
translated here, a stale save (someone saved in between) answering 409.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_handler

from gcmhub.assessments.services import StaleVersion


class Stale(exceptions.APIException):
    status_code = 409
    default_code = "stale"


def _convert(exc):
    if isinstance(exc, StaleVersion):
        return Stale(" ".join(exc.messages))
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            return exceptions.ValidationError(dict(exc.message_dict))
        return exceptions.ValidationError({"non_field_errors": exc.messages})
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied()
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    return exc


def exception_handler(exc, context):
    exc = _convert(exc)
    response = drf_handler(exc, context)
    if response is None:
        return None
    detail = response.data
    fields = {}
    if isinstance(exc, exceptions.ValidationError) and isinstance(detail, dict):
        fields = {
            k: [str(m) for m in (v if isinstance(v, list) else [v])] for k, v in detail.items()
        }
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
    response.data = {
        "error": {
            "status": response.status_code,
            "code": code,
            "message": message,
            "fields": fields,
        }
    }
    return response


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
                if status == "409" and method == "get":
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
