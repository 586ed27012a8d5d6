"""drf-spectacular extensions: the OpenAPI security scheme of our token authentication (knox's
own, which drf-spectacular ships, matches knox's class exactly, not our subclass)."""

from drf_spectacular.contrib.knox_auth_token import KnoxTokenScheme


class TokenScheme(KnoxTokenScheme):
    target_class = "gcmhub.api.authentication.TokenAuthentication"
    name = "tokenAuth"
