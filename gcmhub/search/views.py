from django.shortcuts import render
from django.views.decorators.http import require_safe

from gcmhub.search import selectors
from gcmhub.search.forms import SearchForm
from gcmhub.search.models import Entry

PAGE_SIZE = 20


@require_safe
def search(request):
    """Find texts across the person's networks: what the pages would show them, best first."""
    scope = selectors.scope_for(request.user)
    form = SearchForm(request.GET or None, scope=scope)
    entries, query = Entry.objects.none(), ""
    if form.is_valid() and form.cleaned_data["q"].strip():
        query = form.cleaned_data["q"]
        entries = selectors.entries_for_user(
            request.user, query=query, scope=scope, **form.filters()
        )
    page = selectors.page_of(entries, request.GET.get("page"), size=PAGE_SIZE)
    context = {
        "form": form,
        "query": query,
        "page": page,
        "results": selectors.results(page, query),
    }
    return render(request, "search/results.html", context)
