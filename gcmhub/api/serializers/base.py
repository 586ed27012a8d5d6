"""Fields the serializers of several resources share."""

from rest_framework import serializers


class ChoiceOrNull(serializers.ChoiceField):
    """A choice not made yet (stored blank) reads as null, never as `""` outside its enum."""

    def __init__(self, choices, **kwargs):
        super().__init__(choices, read_only=True, allow_null=True, **kwargs)

    def to_representation(self, value):
        return super().to_representation(value) if value else None


class IdField(serializers.IntegerField):
    """The id of a record: a whole number the database can hold."""

    def __init__(self, **kwargs):
        super().__init__(min_value=1, max_value=2**63 - 1, **kwargs)


class VersionField(serializers.IntegerField):
    """The version of a record you read (a positive whole number)."""

    def __init__(self, **kwargs):
        super().__init__(min_value=1, max_value=2**31 - 1, **kwargs)
