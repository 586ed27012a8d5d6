"""The persona matrix the access tests share: which persona gets which answer from a page.

    PAGES = [("input-list", {}, [A, A, A, A, F, N]), ...]  # one status per persona of PERSONAS

    @pytest.mark.parametrize(("name", "kwargs", "statuses"), by_page(PAGES))
    def test_page_answers_each_persona(client, personas, world, name, kwargs, statuses):
        assert_page_matrix(client, personas, url(world, name, **kwargs), statuses)

Every persona of a row is asked, and every answer that differs is reported at once.
"""

import pytest

A, F, N, R = 200, 403, 404, 302  # allowed, refused, not theirs, done (redirected)
PERSONAS = ("coordinator", "consultant", "focal_a", "focal_b", "observer", "outsider")


def by_page(rows, *, personas=PERSONAS):
    """Parameters of a matrix test, one per row (url name, kwargs, statuses), with a readable id."""
    params = []
    for name, kwargs, *rest in rows:
        statuses = rest[-1]
        assert len(statuses) == len(personas), f"{name}: one status per persona"
        tag = "-".join(str(v) for v in kwargs.values()) if isinstance(kwargs, dict) else kwargs
        params.append(pytest.param(name, kwargs, *rest, id=f"{name}-{tag}" if tag else name))
    return params


def assert_page_matrix(
    client, personas, url, statuses, *, method="get", data=None, order=PERSONAS, **extra
):
    """Ask `url` as each persona and assert its answer: `statuses` is a list in the order of
    `order` or a {persona: status} dict. Returns {persona: response}."""
    expected = statuses if isinstance(statuses, dict) else dict(zip(order, statuses, strict=True))
    responses, wrong = {}, {}
    for persona, status in expected.items():
        client.force_login(personas[persona])
        response = getattr(client, method)(url, data or {}, **extra)
        responses[persona] = response
        if response.status_code != status:
            wrong[persona] = f"{response.status_code}, expected {status}"
    client.logout()
    assert not wrong, f"{method.upper()} {url}: {wrong}"
    return responses
