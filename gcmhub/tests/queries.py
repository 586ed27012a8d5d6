"""Test helper: pages whose number of queries does not grow with the data."""


def assert_constant_queries(client, pages, grow, assert_max_num_queries, *, most: int):
    """Read each page (at most `most` queries), call `grow()` to add records, read each page
    again: none may take more queries than it took the first time."""
    counts = []
    for page in pages:
        with assert_max_num_queries(most) as captured:
            client.get(page)
        counts.append(len(captured.captured_queries))
    grow()
    for page, count in zip(pages, counts, strict=True):
        with assert_max_num_queries(count):
            client.get(page)
