"""Test helper: pages whose number of queries does not grow with the data."""


def assert_constant_queries(client, pages, grow, assert_max_num_queries, *, most: int):
    """Read each page (at most `most` queries), call `grow()` to add records, read each page
    again: none may take more queries than it took the first time. The cache is emptied before
    each read: what `core.memo` keeps is computed again, so both reads cost all they may."""
    from django.core.cache import cache

    counts = []
    for page in pages:
        cache.clear()
        with assert_max_num_queries(most) as captured:
            client.get(page)
        counts.append(len(captured.captured_queries))
    grow()
    for page, count in zip(pages, counts, strict=True):
        cache.clear()
        with assert_max_num_queries(count):
            client.get(page)
