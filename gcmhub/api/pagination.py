from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    """Pages of 50 records; `?page_size=` from 1 up to 500 (anything else answers 400)."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def get_page_size(self, request):
        value = request.query_params.getlist(self.page_size_query_param)
        if not value:
            return self.page_size
        try:
            size = int(value[-1])
        except ValueError:
            size = 0
        if len(value) > 1 or not 1 <= size <= self.max_page_size:
            raise ValidationError(
                {
                    self.page_size_query_param: _("Give one whole number from 1 to %(max)s.")
                    % {"max": self.max_page_size}
                }
            )
        return size

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1, maximum=self.max_page_size)
                parameter["description"] = _("Number of results per page (1-%(max)s).") % {
                    "max": self.max_page_size
                }
        return parameters
