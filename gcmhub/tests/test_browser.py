"""Main journeys in a real browser: Playwright driving Debian's Chromium against a live server
(gcmhub/tests/browser.py: every console error, CSP violations included, fails the test)."""

import re
import threading
import time

import pytest
from django.core import mail
from playwright.sync_api import expect

from gcmhub.tests.browser import BROWSER_TESTS, console, new_page

pytestmark = BROWSER_TESTS

# One SQLite connection for several threads (the live server's requests, the worker, the test's
# own reads while the page polls): a write in one while another is inside a transaction meets
# "database table is locked" (a request's session then reads as deleted, and the page is a 400).
# So they take turns: one request, one task or one look of the test's at a time, as SQLite itself
# would have them on a file.
TURN = threading.Lock()


@pytest.fixture
def worker(demo, live_server, settings):
    """A real worker beside the live server: the database queue's loop in a thread, on the
    live server's connection (the in-memory test database exists in that one connection, as
    for the live server's own thread). The files the demo asked for (its versions') are not
    this test's: they are dropped first. The worker, the requests and `files_made` take turns
    (`TURN`)."""
    from django.db import OperationalError, connections

    from gcmhub.tests.tasks import run_next_task

    # Long enough for a PDF on a busy machine (each version has four files: two editions).
    settings.JOB_TIMEOUT_SECONDS = 10
    # A page waits for its turn while the worker makes one: as long as a PDF may take.
    from playwright.sync_api import expect

    from gcmhub.tests import browser as pages

    before = pages.TIMEOUT_MS
    pages.TIMEOUT_MS = 30_000
    expect.set_options(timeout=30_000)
    drop_the_demo_files()
    shared = connections["default"]
    shared.inc_thread_sharing()
    stop = threading.Event()
    httpd = live_server.thread.httpd
    application = httpd.get_app()

    def in_turn(environ, start_response):
        with TURN:
            return application(environ, start_response)

    def loop():
        connections["default"] = shared
        while not stop.is_set():
            try:
                with TURN:
                    ran = run_next_task()
            except OperationalError:  # the test's own thread was writing: again
                ran = 0
            if not ran:
                stop.wait(0.2)

    httpd.set_app(in_turn)
    thread = threading.Thread(target=loop, daemon=True, name="test-worker")
    thread.start()
    yield thread
    stop.set()
    thread.join(timeout=60)
    httpd.set_app(application)
    shared.dec_thread_sharing()
    pages.TIMEOUT_MS = before
    expect.set_options(timeout=5_000)  # Playwright's own


def drop_the_demo_files() -> None:
    """The demo's versions queued their Word and PDF files: not a browser test's work."""
    from django_tasks_db.models import DBTaskResult

    from gcmhub.core.models import FileJob

    FileJob.objects.all().delete()
    DBTaskResult.objects.all().delete()


def files_made(timeout: float = 120) -> None:
    """Wait until the worker has made every file asked for; a job that lost a write to the
    shared test database is queued again, as a worker's death would have it."""
    from django.db import OperationalError

    from gcmhub.core import jobs
    from gcmhub.core.models import FileJob

    deadline = time.monotonic() + timeout
    while True:
        with TURN:
            if not FileJob.objects.exclude(status="done").exists():
                return
            errors = list(FileJob.objects.filter(status="failed").values_list("error", flat=True))
            assert time.monotonic() < deadline, f"the worker did not make the files: {errors}"
            try:
                jobs.sweep()
                for job in FileJob.objects.filter(status="failed", error__contains="locked"):
                    jobs.retry(job)
            except OperationalError:
                pass
        time.sleep(0.3)


def sign_in(page, base, username):
    """Sign in, then open the 2021 cycle of the case (the demo network also has a later one)."""
    from gcmhub.core.models import Cycle

    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("demo-password")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/(networks|tasks)/"))
    cycle = Cycle.objects.get(title="GCM Needs Assessment 2021")
    page.goto(f"{base}{cycle.get_absolute_url()}")


def test_focal_point_reads_objective_10_in_turkish(browser, demo):
    page = new_page(browser)
    sign_in(page, demo, "focal")
    expect(page.get_by_role("heading", level=1)).to_have_text("GCM Needs Assessment 2021")

    page.get_by_role("button", name="Türkçe").click()
    expect(page.locator("html")).to_have_attribute("lang", "tr")
    page.get_by_role("link", name="GCM çerçevesi").click()
    page.get_by_role(
        "link", name=re.compile(r"Uluslararası göç bağlamında insan ticaretinin")
    ).click()

    expect(page).to_have_url(re.compile(r"/framework/objectives/10/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Uluslararası göç bağlamında insan ticaretinin önlenmesi, bununla mücadele edilmesi "
        "ve ortadan kaldırılması"
    )
    expect(page.locator(".official")).to_contain_text("Prevent, combat and eradicate trafficking")


def test_coordinator_invites_a_focal_point_who_joins_from_the_email(browser, demo):
    page = new_page(browser)
    sign_in(page, demo, "coordinator")
    page.get_by_role("link", name="People").click()
    page.get_by_role("link", name="Invite someone").click()
    page.get_by_label("E-mail address").fill("new.focal@example.org")
    page.get_by_label("Name").fill("Deniz Er")
    page.get_by_label("Role").select_option(label="Focal point")
    department = page.locator("#id_organisation option", has_text="Department of Foreign Relations")
    page.get_by_label("Organisation").select_option(department.get_attribute("value"))
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_role("status")).to_contain_text(
        "An invitation has been sent to new.focal@example.org"
    )

    link = re.search(r"http\S+/accounts/invitations/\S+/", mail.outbox[-1].body).group(0)
    link = demo + link[link.index("/accounts/") :]
    invitee = new_page(browser)
    invitee.goto(link)
    invitee.get_by_label("First name").fill("Deniz")
    invitee.get_by_label("Last name").fill("Er")
    invitee.get_by_label("Username").fill("deniz")
    invitee.locator("#id_password1").fill("a-long-passphrase-42")
    invitee.get_by_label("Password confirmation").fill("a-long-passphrase-42")
    invitee.get_by_role("button", name="Create the account and join").click()
    expect(invitee.get_by_role("heading", level=1)).to_have_text(
        "UN Network on Migration in Türkiye"
    )
    expect(invitee.get_by_role("status")).to_contain_text("Welcome")


def test_the_cycle_home_works_on_a_phone(browser, demo):
    page = new_page(browser, viewport={"width": 390, "height": 844})
    sign_in(page, demo, "observer")
    expect(page.get_by_role("heading", name="Stages of the cycle")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the page scrolls sideways on a phone"
    # A keyboard user reaches the main content first.
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()


def test_an_input_is_submitted_returned_fixed_and_accepted(browser, demo):
    focal = new_page(browser)
    focal.on("dialog", lambda dialog: dialog.accept())
    sign_in(focal, demo, "focal")
    focal.get_by_role("link", name="Needs assessment").first.click()
    row = focal.get_by_role("row", name=re.compile(r"^21\. Cooperate in facilitating"))
    row.get_by_role("link", name="Open").click()
    focal.get_by_role("link", name="Edit").click()
    focal.get_by_label("Gaps and challenges").fill("Reintegration support ends too early.")
    focal.locator("#id_needs-0-type").select_option("services")
    focal.locator("#id_needs-0-description").fill("Counselling for a year after return.")
    focal.get_by_role("button", name="Save and submit").click()
    expect(focal.get_by_role("status")).to_contain_text("Your input has been submitted.")
    input_url = focal.url

    consultant = new_page(browser)
    sign_in(consultant, demo, "consultant")
    consultant.goto(input_url)
    expect(consultant.locator(".badge.state-submitted")).to_have_text("Submitted")
    consultant.get_by_label("Reason").fill("Please add a proposed action with a horizon.")
    consultant.get_by_role("button", name="Return with this reason").click()
    expect(consultant.get_by_role("status")).to_contain_text("The input has been returned")

    focal.goto(input_url)
    expect(focal.get_by_role("note")).to_contain_text("Please add a proposed action")
    focal.get_by_role("link", name="Edit").click()
    focal.locator("#id_actions-0-description").fill("Fund a reintegration counselling service.")
    focal.locator("#id_actions-0-horizon").select_option("medium")
    focal.get_by_role("button", name="Save and submit").click()
    expect(focal.get_by_role("status")).to_contain_text("Your input has been submitted.")

    consultant.goto(input_url)
    consultant.get_by_role("button", name="Accept").click()
    expect(consultant.locator(".badge.state-accepted")).to_have_text("Accepted")
    focal.goto(input_url)
    expect(focal.locator(".badge.state-accepted")).to_have_text("Accepted")
    expect(focal.get_by_role("link", name="Edit")).to_have_count(0)


def test_scores_are_submitted_and_a_decision_against_the_rank_needs_a_rationale(browser, demo):
    focal = new_page(browser)
    focal.on("dialog", lambda dialog: dialog.accept())
    sign_in(focal, demo, "focal")
    focal.get_by_role("link", name="Prioritisation").first.click()
    focal.get_by_role("link", name="Score the objectives").click()
    for number in range(19, 24):
        for criterion in ["urgency", "policy", "feasibility", "benefit", "alignment"]:
            focal.locator(f"#id_o{number}-{criterion}").select_option("3")
    focal.get_by_label("Objective 20 is outside our mandate").check()
    focal.get_by_role("button", name="Save and submit").click()
    expect(focal.get_by_role("status")).to_contain_text("scores have been submitted")

    coordinator = new_page(browser)
    sign_in(coordinator, demo, "coordinator")
    coordinator.get_by_role("link", name="Prioritisation").first.click()
    coordinator.get_by_role("link", name="See the results").click()
    expect(
        coordinator.get_by_role("img", name="Priority matrix: importance against feasibility")
    ).to_be_visible()
    first = coordinator.locator("table.ranking tbody tr").first
    expect(first.locator("td").first).to_have_text("1")
    first.get_by_role("link").click()
    coordinator.get_by_text("Record or change the decision").click()  # loads the form (htmx)
    coordinator.get_by_label("Not prioritised now").check()
    coordinator.get_by_label("Rationale").fill("")
    coordinator.get_by_role("button", name="Record the decision").click()
    expect(coordinator.get_by_text("This decision departs from the computed rank")).to_be_visible()
    coordinator.get_by_label("Rationale").fill("Already covered by a funded national programme.")
    coordinator.get_by_role("button", name="Record the decision").click()
    expect(coordinator.get_by_role("status")).to_contain_text("The decision has been recorded.")
    expect(coordinator.get_by_text("departs from the computed rank")).to_be_visible()


def test_a_report_is_issued_reviewed_answered_and_issued_again(browser, demo, worker, tmp_path):
    from docx import Document as WordDocument
    from openpyxl import load_workbook
    from pypdf import PdfReader

    from gcmhub.documents.models import Comment, Document, Endorsement, Review, Version
    from gcmhub.meetings.models import Meeting

    Endorsement.objects.all().delete()
    Meeting.objects.all().delete()
    Comment.objects.all().delete()
    Review.objects.all().delete()
    Version.objects.all().delete()
    Document.objects.all().delete()  # start the report afresh

    consultant = new_page(browser)
    consultant.on("dialog", lambda dialog: dialog.accept())
    sign_in(consultant, demo, "consultant")
    consultant.get_by_role("link", name="Report").first.click()
    consultant.get_by_role("button", name="Issue the version").click()
    # The new draft has empty sections: the page lists them and asks before issuing.
    expect(consultant.get_by_role("heading", level=1)).to_have_text("Issue the version anyway?")
    expect(consultant.get_by_text("“Executive summary” is empty.")).to_be_visible()
    consultant.get_by_role("button", name="Issue the version as it is").click()
    expect(consultant.locator(".messages")).to_contain_text("Version 0.1 has been issued.")
    consultant.goto(consultant.url.split("/versions/")[0] + "/")
    consultant.get_by_role("link", name="Open a review").click()
    consultant.get_by_label("Deadline for comments").fill("2021-06-14")
    consultant.get_by_label("Department of Combating Irregular Migration").check()
    consultant.get_by_role("button", name="Open the review").click()
    expect(consultant.get_by_role("status")).to_contain_text("The review is open")
    review_url = consultant.url

    focal = new_page(browser)
    focal.on("dialog", lambda dialog: dialog.accept())
    sign_in(focal, demo, "focal")
    focal.goto(review_url)
    focal.locator("#id_section_key").select_option(label="1. Executive summary")
    focal.get_by_label("Type of comment").select_option(label="Substantive")
    focal.locator("#id_text").fill("Name return and readmission among the short-term needs.")
    focal.get_by_role("button", name="Save as draft").click()
    focal.get_by_role("button", name="Submit 1 comment").click()
    expect(focal.get_by_role("status")).to_contain_text("1 comment submitted")

    consultant.goto(review_url)
    consultant.get_by_role("link", name="Comments matrix").click()
    # Plain rows: the form of the row being disposed only, swapped in when asked for.
    expect(consultant.locator("select[name$='-disposition']")).to_have_count(0)
    row = consultant.locator("tr", has_text="Name return and readmission")
    row.get_by_role("link", name="Give a disposition").click()
    expect(consultant.locator("select[name$='-disposition']")).to_have_count(1)
    expect(consultant.locator("select[name$='-disposition']")).to_be_focused()
    consultant.locator("select[name$='-disposition']").select_option(label="Accepted")
    consultant.locator("textarea[name$='-reply']").fill("Added to the summary.")
    consultant.locator("select[name$='-addressed']").select_option(label="The next version")
    consultant.get_by_role("button", name="Save").click()
    expect(consultant.get_by_role("status")).to_contain_text("has its disposition")
    with consultant.expect_download() as download:
        consultant.get_by_role("link", name="Excel").click()
    download.value.save_as(tmp_path / "matrix.xlsx")
    matrix = load_workbook(tmp_path / "matrix.xlsx").active
    assert "Accepted" in [c.value for c in matrix[4]]

    consultant.get_by_role("link", name="Review of version 0.1").click()
    consultant.get_by_role("link", name="GCM Needs Assessment Report").click()
    consultant.get_by_role("link", name="Edit the text of “Executive summary”").click()
    # The original (English) beside its Turkish edition: the first editor is the original.
    editor = consultant.locator(".ProseMirror[contenteditable=true]").first
    editor.click()
    editor.type("Return and readmission are short-term needs.")
    consultant.get_by_role("button", name="Save", exact=True).click()
    expect(consultant.get_by_role("status")).to_contain_text("The section has been saved.")
    consultant.get_by_role("button", name="Issue the version").click()
    # The summary is written now; the other sections are still empty: asked again.
    expect(consultant.get_by_text("“Executive summary” is empty.")).to_have_count(0)
    consultant.get_by_role("button", name="Issue the version as it is").click()
    expect(consultant.locator(".messages")).to_contain_text("Version 0.2 has been issued.")
    consultant.get_by_role("link", name="Compare versions").click()
    expect(consultant.locator(".diff-changed ins").first).to_contain_text("readmission")
    consultant.get_by_role("link", name="Draft", exact=True).click()
    consultant.get_by_role("link", name="0.2", exact=True).click()
    files_made()
    with consultant.expect_download() as download:
        consultant.get_by_role("link", name="Word").first.click()
    download.value.save_as(tmp_path / "report.docx")
    word = WordDocument(tmp_path / "report.docx")
    assert "Return and readmission are short-term needs." in "\n".join(
        p.text for p in word.paragraphs
    )
    with consultant.expect_download() as download:
        consultant.get_by_role("link", name="PDF").first.click()
    download.value.save_as(tmp_path / "report.pdf")
    pdf = PdfReader(tmp_path / "report.pdf")
    assert "Executive summary" in "\n".join(page.extract_text() for page in pdf.pages)
    assert Comment.objects.get().addressed_in.number == "0.2"


def test_a_validation_meeting_leads_to_the_locked_final_version_and_its_endorsement(
    browser, demo, worker, tmp_path
):
    from gcmhub.documents.models import Endorsement, Version
    from gcmhub.meetings.models import Meeting, Outcome

    # Go back to the day before the meeting: version 0.2 issued, no meeting, no final version.
    Endorsement.objects.all().delete()
    Meeting.objects.all().delete()
    Version.objects.filter(major=1).delete()
    mail.outbox.clear()

    coordinator = new_page(browser)
    coordinator.on("dialog", lambda dialog: dialog.accept())
    sign_in(coordinator, demo, "coordinator")
    coordinator.get_by_role("link", name="Validation", exact=True).first.click()
    coordinator.get_by_role("link", name="Schedule a meeting").click()
    coordinator.get_by_label("Title").fill("Validation meeting of the report")
    coordinator.locator("#id_date").fill("2021-06-24")
    coordinator.get_by_label("Starts at").fill("10:00")
    coordinator.get_by_label("Ends at").fill("13:30")
    coordinator.get_by_label("Venue").fill("Ankara")
    expect(coordinator.get_by_label("Version under discussion")).to_contain_text("Report 0.2")
    coordinator.get_by_role("button", name="Schedule the meeting").click()
    expect(coordinator.get_by_role("status")).to_contain_text("The meeting has been saved.")
    version = Version.objects.get(major=0, minor=2)
    expect(coordinator.locator(".version-under-discussion")).to_contain_text(version.content_hash)
    meeting_url = coordinator.url

    coordinator.get_by_role("link", name="Invitations").click()
    coordinator.get_by_label("Department of Combating Irregular Migration").check()
    coordinator.get_by_label("General Directorate for Lifelong Learning").check()
    coordinator.get_by_role("button", name="Add to the invitations").click()
    coordinator.get_by_role("button", name="Send the invitations not yet sent").click()
    expect(coordinator.get_by_role("status")).to_contain_text("sent by e-mail")
    deadline = time.monotonic() + 30  # the worker sends the e-mails queued at once
    while not any("Invitation" in m.subject for m in mail.outbox):
        assert time.monotonic() < deadline, "the worker did not send the invitations"
        time.sleep(0.2)
    invitation = next(m for m in mail.outbox if "Invitation" in m.subject)
    assert invitation.attachments[0][0] == "meeting.ics"
    coordinator.get_by_role("link", name="Agenda").click()
    coordinator.locator("#id_agenda-0-title").fill("Findings of the needs assessment")
    coordinator.locator("#id_agenda-0-sections").get_by_label("1. Executive summary").check()
    coordinator.get_by_role("button", name="Save the agenda").click()
    expect(coordinator.get_by_role("status")).to_contain_text("The agenda has been saved.")

    # The secretariat checks people in on a phone during the meeting.
    phone = new_page(browser, viewport={"width": 390, "height": 844})
    sign_in(phone, demo, "consultant")
    phone.goto(meeting_url + "check-in/")
    row = phone.locator(".check-in-row", has_text="Murat Yılmaz")
    row.get_by_role("button", name="Present").click()
    expect(row.get_by_role("button", name="Present")).to_have_attribute("aria-pressed", "true")
    # The headcount moves with the check-in, without a reload.
    expect(phone.locator("#headcount")).to_contain_text("1 person present of")
    phone.get_by_text("Add a walk-in participant").click()
    phone.locator("#id_name").fill("Deniz Yavuz")
    phone.get_by_label("Organisation (if not in the list)").fill("Municipality of Ankara")
    phone.get_by_role("button", name="Add, present").click()
    expect(phone.get_by_role("status")).to_contain_text("Deniz Yavuz is on the register")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    # Minutes with an agreed change.
    phone.goto(meeting_url + "minutes/")
    phone.get_by_label("Minutes").fill("Participants confirmed the findings.")
    phone.get_by_role("button", name="Save the minutes").click()
    phone.get_by_text("Record an outcome").first.click()
    phone.locator("select[name$='-type']").first.select_option(label="Agreed change")
    phone.locator("textarea[name$='-text']").first.fill("Name the municipalities in the summary.")
    phone.locator("select[name$='-section_key']").first.select_option(label="1. Executive summary")
    phone.get_by_role("button", name="Record", exact=True).first.click()
    expect(phone.get_by_role("status")).to_contain_text("The outcome is recorded.")

    coordinator.goto(meeting_url)
    coordinator.get_by_label("Validated with changes").check()
    coordinator.get_by_role("button", name="Record the outcome").click()
    expect(coordinator.get_by_role("status")).to_contain_text("recorded against version 0.2")
    coordinator.get_by_role("link", name="Validation", exact=True).first.click()
    expect(coordinator.locator(".blockers").first).to_contain_text("1 agreed change")
    expect(coordinator.get_by_role("button", name="Issue the final version")).to_have_count(0)

    # The consultant makes the change and issues version 0.3.
    consultant = new_page(browser)
    consultant.on("dialog", lambda dialog: dialog.accept())
    sign_in(consultant, demo, "consultant")
    consultant.get_by_role("link", name="Validation", exact=True).first.click()
    consultant.get_by_role("link", name="record the resolution").click()
    consultant.get_by_label("How the change was made").fill("Municipalities named.")
    consultant.get_by_label("Made in").select_option(label="the next version, when it is issued")
    consultant.get_by_role("button", name="Save the resolution").click()
    consultant.get_by_role("link", name="Report", exact=True).first.click()
    consultant.get_by_role("button", name="Issue the version").click()
    expect(consultant.locator(".messages")).to_contain_text("Version 0.3 has been issued.")
    assert Outcome.objects.get(type="agreed_change").resolved_in.number == "0.3"

    # The coordinator issues 1.0: locked.
    coordinator.reload()
    coordinator.get_by_role("button", name="Issue the final version").click()
    expect(coordinator.get_by_role("status")).to_contain_text("1.0 has been issued and locked")
    consultant.get_by_role("link", name="Report", exact=True).first.click()
    expect(consultant.get_by_role("heading", level=1)).to_contain_text("Version 1.0")
    expect(consultant.get_by_role("link", name=re.compile("Edit the text"))).to_have_count(0)
    expect(consultant.get_by_role("button", name="Issue the version")).to_have_count(0)

    # focal endorses.
    focal = new_page(browser)
    sign_in(focal, demo, "focal")
    focal.get_by_role("link", name="Validation", exact=True).first.click()
    focal.locator("input[name=response][value=endorsed]").check()
    focal.get_by_role("button", name="Send the answer").click()
    expect(focal.get_by_role("status")).to_contain_text("recorded against version 1.0")
    final = Version.objects.get(major=1)
    endorsement = Endorsement.objects.get(version=final, responded_by__username="focal")
    assert endorsement.version_hash == final.content_hash

    # observer sees 1.0 and cannot reach any draft (Chromium logs each refusal as an error).
    console.allow(r"status of 403 \(Forbidden\)")
    observer = new_page(browser)
    sign_in(observer, demo, "observer")
    observer.get_by_role("link", name="Published report").first.click()
    expect(observer.get_by_role("heading", level=1)).to_contain_text("Final version 1.0")
    files_made()  # the final version's, made again with the endorsement just answered
    with observer.expect_download() as download:  # the English edition's (the Turkish beside)
        observer.get_by_role("link", name="v1.0_en.pdf").click()
    download.value.save_as(tmp_path / "final.pdf")
    for draft in Version.objects.filter(major=0, document=final.document):
        response = observer.goto(f"{observer.url.split('/versions/')[0]}/versions/{draft.pk}/")
        assert response.status == 403
    assert observer.goto(observer.url.split("/versions/")[0] + "/").status == 403


def test_the_work_plan_moves_with_an_activity_and_an_accepted_progress_report(browser, demo):
    from gcmhub.directory.models import Organisation
    from gcmhub.workplan.models import Output, ProgressReport

    coordinator = new_page(browser)
    coordinator.on("dialog", lambda dialog: dialog.accept())
    sign_in(coordinator, demo, "coordinator")
    coordinator.get_by_role("link", name="Work plan", exact=True).first.click()
    coordinator.get_by_role("link", name="Gaps").click()
    uncovered = coordinator.locator("ul.uncovered")
    expect(uncovered).to_contain_text("11. Manage borders")

    # The coordinator adds an activity for a short-term priority nobody covered.
    coordinator.get_by_role("link", name="Work plan", exact=True).last.click()
    coordinator.get_by_role("link", name="Add an activity").click()
    output = Output.objects.get(code="4.2.1", cycle__title="GCM Needs Assessment 2021")
    coordinator.locator("#id_output").select_option(value=str(output.pk))
    coordinator.get_by_label("Code").fill("4.2.1.d")
    coordinator.get_by_label("Title in English").fill("Joint training at land border gates")
    coordinator.get_by_label("11. Manage borders (Short term)").check()
    tnp = Organisation.objects.get(acronym="", name__startswith="Department of Counter Migrant")
    coordinator.locator(f"#id_lead_organisations input[value='{tnp.pk}']").check()
    coordinator.get_by_label("Planned budget").fill("90000")
    coordinator.get_by_label("Secured funding").fill("30000")
    coordinator.get_by_role("button", name="Save").click()
    expect(coordinator.get_by_role("status")).to_contain_text("The activity has been saved.")
    expect(coordinator.locator("#main")).to_contain_text("Joint training at land border gates")
    coordinator.get_by_role("link", name="Gaps").click()
    expect(coordinator.locator("ul.uncovered")).not_to_contain_text("11. Manage borders")
    row = coordinator.locator("tr", has_text="11. Manage borders")
    expect(row).to_contain_text("USD 60,000")

    # focal reports on 2022 H1 with an indicator actual.
    focal = new_page(browser)
    focal.on("dialog", lambda dialog: dialog.accept())
    sign_in(focal, demo, "focal")
    focal.get_by_role("link", name="Work plan", exact=True).first.click()
    focal.get_by_role("link", name="Progress reports").click()
    focal.get_by_role("button", name="Your report for 2022 H1").click()
    activity = focal.locator("fieldset.activity-row", has_text="4.2.1.a")
    activity.get_by_label("Completion (%)").fill("70")
    activity.get_by_label("What was done").fill("Arrangements signed with two neighbours.")
    indicator = focal.locator("fieldset.actual-row", has_text="4.2.1-i2")
    indicator.get_by_label(re.compile("Actual value")).fill("40")
    focal.get_by_role("button", name="Save and submit").click()
    expect(focal.get_by_role("status")).to_contain_text("The report is submitted")
    report_url = focal.url

    coordinator.goto(report_url)
    coordinator.get_by_label("Why it is returned").fill("40 joint operations? Please check.")
    coordinator.get_by_role("button", name="Return it with this reason").click()
    expect(coordinator.get_by_role("status")).to_contain_text("returned to its organisation")

    focal.reload()
    expect(focal.get_by_role("note")).to_contain_text("40 joint operations? Please check.")
    indicator = focal.locator("fieldset.actual-row", has_text="4.2.1-i2")
    indicator.get_by_label(re.compile("Actual value")).fill("4")
    focal.get_by_role("button", name="Save and submit").click()
    expect(focal.get_by_role("status")).to_contain_text("The report is submitted")

    coordinator.reload()
    coordinator.get_by_role("button", name="Accept the report").click()
    expect(coordinator.get_by_role("status")).to_contain_text("The report is accepted")
    assert ProgressReport.objects.get(period__label="2022 H1").state == "accepted"

    # The roll-up and the gap view follow; the outcome's activities open on demand.
    coordinator.get_by_role("link", name="Work plan", exact=True).last.click()
    outcome = coordinator.locator("section.workplan-outcome", has_text="Outcome 4.2")
    outcome.locator("summary").click()
    expect(coordinator.locator("#activity-" + str(_activity_pk("4.2.1.a")))).to_contain_text("70 %")
    coordinator.get_by_role("link", name="Gaps").click()
    expect(coordinator.locator("tr", has_text="9. Counter smuggling")).to_contain_text("70 %")
    coordinator.get_by_role("link", name="Indicators").click()
    expect(coordinator.locator("tr", has_text="4.2.1-i2")).to_contain_text("5 / 4")


def _activity_pk(code):
    from gcmhub.workplan.models import Activity

    return Activity.objects.get(code=code, output__cycle__title="GCM Needs Assessment 2021").pk


def test_the_voluntary_review_is_drafted_from_the_data_edited_issued_and_downloaded(
    browser, demo, worker, tmp_path
):
    from docx import Document as WordDocument

    from gcmhub.documents.models import Document
    from gcmhub.imrf.kind import VOLUNTARY_REVIEW

    Document.objects.filter(kind=VOLUNTARY_REVIEW).delete()
    coordinator = new_page(browser)
    coordinator.on("dialog", lambda dialog: dialog.accept())
    sign_in(coordinator, demo, "coordinator")
    coordinator.get_by_role("link", name="IMRF review").first.click()
    coordinator.get_by_role("button", name="Generate the draft from the data").click()
    expect(coordinator.get_by_role("status")).to_contain_text("drafted from the data")
    expect(coordinator.locator("#s-methodology")).to_contain_text("consultations were held")
    expect(coordinator.locator("#s-next-steps")).to_contain_text("Short term")
    coordinator.get_by_role(
        "link", name="Edit the text of “Policy and enabling environment”"
    ).click()
    editor = coordinator.locator(".ProseMirror[contenteditable=true]").first  # the original
    editor.click()
    editor.press("Control+End")
    editor.type(" The Migration Board coordinates the ministries.")
    coordinator.get_by_role("button", name="Save", exact=True).click()
    expect(coordinator.get_by_role("status")).to_contain_text("The section has been saved.")
    coordinator.get_by_role("button", name="Issue the version").click()
    # The Turkish edition's texts are not translated yet: listed, then issued as they are.
    expect(
        coordinator.get_by_role("heading", name="The Turkish edition is not complete")
    ).to_be_visible()
    coordinator.get_by_role("button", name="Issue the version as it is").click()
    expect(coordinator.locator(".messages")).to_contain_text("Version 0.1 has been issued.")
    # The worker makes the version's files: the page shows them being made, then their links,
    # without a reload.
    name = "UNNM-Turkiye_voluntary-review_v0.1_en.docx"
    link = coordinator.locator(".page-head .file-job a", has_text=name)
    expect(link).to_be_visible(timeout=60_000)
    expect(coordinator.locator(".page-head .file-job a", has_text="v0.1_en.pdf")).to_be_visible(
        timeout=60_000
    )
    with coordinator.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == name
    download.value.save_as(tmp_path / "review.docx")
    text = "\n".join(p.text for p in WordDocument(tmp_path / "review.docx").paragraphs)
    assert "1. Methodology and process for preparing the review" in text
    assert "The Migration Board coordinates the ministries." in text
    assert "5. Next steps" in text


def test_a_section_is_written_translated_and_issued_in_both_editions(
    browser, demo, worker, tmp_path
):
    """The consultant writes a section in English and translates it into Turkish; the English
    changes, the Turkish is marked out of date with what changed, and is updated; the version
    has both editions, each file's headings in its own language."""
    from docx import Document as WordDocument

    from gcmhub.documents.models import Comment, Document, Endorsement, Review, Version
    from gcmhub.meetings.models import Meeting

    Endorsement.objects.all().delete()
    Meeting.objects.all().delete()
    Comment.objects.all().delete()
    Review.objects.all().delete()
    Version.objects.all().delete()
    Document.objects.all().delete()  # start the report afresh

    consultant = new_page(browser)
    consultant.on("dialog", lambda dialog: dialog.accept())
    sign_in(consultant, demo, "consultant")
    consultant.get_by_role("link", name="Report").first.click()
    consultant.get_by_role("link", name="Edit the text of “Executive summary”").click()
    original = consultant.locator(".ProseMirror[contenteditable=true]").first
    original.click()
    original.type("Border management stands out for the short term.")
    consultant.get_by_role("button", name="Save", exact=True).click()
    expect(consultant.get_by_role("status")).to_contain_text("The section has been saved.")

    consultant.get_by_role("link", name="Edit the text of “Executive summary”").click()
    turkish = consultant.locator(".edition[lang=tr] .ProseMirror[contenteditable=true]")
    expect(consultant.locator(".edition[lang=tr]")).to_contain_text("not translated")
    turkish.click()
    turkish.type("Kısa vadede sınır yönetimi öne çıkmaktadır.")
    consultant.get_by_role("button", name="Save the translation").click()
    expect(consultant.get_by_role("status")).to_contain_text("The translation has been saved.")

    # The English changes: the Turkish is out of date, and says what changed.
    consultant.get_by_role("link", name="Edit the text of “Executive summary”").click()
    original = consultant.locator(".ProseMirror[contenteditable=true]").first
    original.click()
    original.press("Control+End")
    original.type(" Return too.")
    consultant.get_by_role("button", name="Save", exact=True).click()
    expect(consultant.get_by_role("status")).to_contain_text("The section has been saved.")
    consultant.get_by_role("link", name="Edit the text of “Executive summary”").click()
    translation = consultant.locator(".edition[lang=tr]")
    expect(translation.locator(".badge.stale")).to_have_text("out of date")
    expect(translation.locator(".changes ins")).to_contain_text("Return")
    turkish = translation.locator(".ProseMirror[contenteditable=true]")
    turkish.click()
    turkish.press("Control+End")
    turkish.type(" Geri dönüş de.")
    consultant.get_by_role("button", name="Save the translation").click()
    expect(consultant.get_by_role("status")).to_contain_text("The translation has been saved.")
    consultant.get_by_role("link", name="Edit the text of “Executive summary”").click()
    expect(consultant.locator(".edition[lang=tr] .badge.stale")).to_have_count(0)
    consultant.get_by_role("link", name="← GCM Needs Assessment Report").click()

    consultant.get_by_role("button", name="Issue the version").click()
    # The other sections are empty (in both editions): asked, then issued as they are.
    expect(consultant.get_by_role("heading", level=1)).to_have_text("Issue the version anyway?")
    consultant.get_by_role("button", name="Issue the version as it is").click()
    expect(consultant.locator(".messages")).to_contain_text("Version 0.1 has been issued.")
    texts = {}
    # The edition read (English) shows its files being made, then their links; the Turkish
    # edition's files are links beside them.
    english = consultant.locator(".page-head .file-job a", has_text="v0.1_en.docx")
    expect(english).to_be_visible(timeout=60_000)
    files_made()
    links = {"en": english, "tr": consultant.get_by_role("link", name="Word (Turkish)")}
    for language, link in links.items():
        name = f"UNNM-Turkiye_needs-assessment_v0.1_{language}.docx"
        with consultant.expect_download() as download:
            link.click()
        assert download.value.suggested_filename == name
        download.value.save_as(tmp_path / name)
        word = WordDocument(tmp_path / name)
        headings = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
        texts[language] = (headings, "\n".join(p.text for p in word.paragraphs))
    english, turkish_file = texts["en"], texts["tr"]
    assert "1. Executive summary" in english[0] and "2. Introduction and methodology" in english[0]
    assert "1. Yönetici özeti" in turkish_file[0] and "2. Giriş ve yöntem" in turkish_file[0]
    assert not any("Executive summary" in h for h in turkish_file[0])
    assert "Border management stands out for the short term. Return too." in english[1]
    assert "Kısa vadede sınır yönetimi öne çıkmaktadır. Geri dönüş de." in turkish_file[1]


def test_the_coordinator_exports_the_cycle_for_analysis(browser, demo, tmp_path, run_tasks):
    """Every export is a job: the page shows it waiting for a worker, a worker makes it (here
    the test's own, `run_tasks`) and its link appears without a reload."""
    drop_the_demo_files()
    import csv
    import zipfile

    coordinator = new_page(browser)
    sign_in(coordinator, demo, "coordinator")
    coordinator.get_by_role("link", name="Export data").click()
    coordinator.get_by_label("CSV files in a zip (one file per kind of record)").check()
    coordinator.get_by_label("Language of the labels").select_option("tr")
    coordinator.get_by_label("Add HXL hashtag row").check()
    coordinator.get_by_role("button", name="Export").click()
    expect(coordinator.get_by_role("status").first).to_contain_text("The export is being made")
    expect(coordinator.locator("tbody tr").first).to_contain_text("Waiting for a worker")
    assert run_tasks() == 1
    link = coordinator.get_by_role(
        "link", name=re.compile(r"Download gcmhub-turkiye-.*-tr-csv\.zip")
    )
    with coordinator.expect_download() as download:
        link.click()  # appeared by itself: the row asks every second
    download.value.save_as(tmp_path / "cycle.zip")
    with zipfile.ZipFile(tmp_path / "cycle.zip") as archive:
        rows = list(csv.reader(archive.read("decisions.csv").decode("utf-8-sig").splitlines()))
    assert "Vade" in rows[0]
    assert all(tag.startswith("#") for tag in rows[1] if tag)
    assert any("Kısa vade" in row for row in rows[2:])

    coordinator.get_by_label("Excel workbook (one sheet per kind of record)").check()
    coordinator.get_by_role("button", name="Export").click()
    expect(coordinator.locator("tbody tr").first).to_contain_text("Waiting for a worker")
    assert run_tasks() == 1
    link = coordinator.get_by_role("link", name=re.compile(r"Download gcmhub-turkiye-.*-en\.xlsx"))
    with coordinator.expect_download() as download:
        link.click()
    download.value.save_as(tmp_path / "cycle.xlsx")
    from openpyxl import load_workbook

    workbook = load_workbook(tmp_path / "cycle.xlsx", read_only=True)
    # In the language of the page this time: English labels, one sheet per kind.
    assert {"Decisions", "Organisations"} <= set(workbook.sheetnames)
