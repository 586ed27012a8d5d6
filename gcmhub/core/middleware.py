from django.conf import settings
from django.utils import translation


class UserLanguageMiddleware:
    """Use a signed-in person's preferred language when their browser has not chosen one.

    Runs after LocaleMiddleware and AuthenticationMiddleware; the language switcher's cookie
    still wins, so a person can change language on a shared computer.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
            and user.language != request.LANGUAGE_CODE
        ):
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)
