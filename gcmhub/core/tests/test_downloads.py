from gcmhub.core.downloads import download


def test_a_turkish_file_name_reaches_the_browser_intact():
    response = download(b"data", "application/octet-stream", "gcmhub-1-GİGM.xlsx")
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''gcmhub-1-G%C4%B0GM.xlsx"
    )
    assert response.content == b"data"


def test_a_plain_file_name_is_quoted():
    response = download(b"x", "text/calendar", "meeting.ics")
    assert response["Content-Disposition"] == 'attachment; filename="meeting.ics"'
    assert response["Content-Type"] == "text/calendar"
