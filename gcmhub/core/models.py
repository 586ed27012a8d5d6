from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from gcmhub.core.i18n import Localized, localized


class User(AbstractUser):
    """A person who signs in; what they may do comes from their memberships of networks."""

    language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("Language of the interface and of the e-mails gcmhub sends."),
    )
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.username


class Network(models.Model):
    """A UN country network on migration; it owns its cycles, organisations and members."""

    name = models.CharField(_("name in English"), max_length=200)
    name_tr = models.CharField(_("name in Turkish"), max_length=200, blank=True)
    slug = models.SlugField(_("short name in addresses"), unique=True)
    country = CountryField(_("country"))
    established_on = models.DateField(_("established on"), null=True, blank=True)
    description = models.TextField(_("description in English"), blank=True)
    description_tr = models.TextField(_("description in Turkish"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["name"]

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse("network-detail", kwargs={"network_slug": self.slug})

    display_name = Localized("name")
    display_description = Localized("description")


class Horizon(models.TextChoices):
    SHORT = "short", _("Short term")
    MEDIUM = "medium", _("Medium term")
    LONG = "long", _("Long term")


class Cycle(models.Model):
    """One round of the national GCM implementation cycle of a network (e.g. up to an IMRF)."""

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="cycles", verbose_name=_("network")
    )
    title = models.CharField(_("title in English"), max_length=200)
    title_tr = models.CharField(_("title in Turkish"), max_length=200, blank=True)
    country = CountryField(_("country"))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    short_term_until = models.DateField(_("short term until"))
    short_term_note = models.CharField(
        _("short-term milestone"), max_length=200, blank=True, help_text=_("e.g. the IMRF")
    )
    short_term_note_tr = models.CharField(
        _("short-term milestone in Turkish"), max_length=200, blank=True
    )
    medium_term_until = models.DateField(_("medium term until"))
    medium_term_note = models.CharField(
        _("medium-term milestone"),
        max_length=200,
        blank=True,
        help_text=_("e.g. the end of the cooperation framework"),
    )
    medium_term_note_tr = models.CharField(
        _("medium-term milestone in Turkish"), max_length=200, blank=True
    )
    long_term_until = models.DateField(_("long term until"))
    long_term_note = models.CharField(
        _("long-term milestone"), max_length=200, blank=True, help_text=_("e.g. 2030 Agenda")
    )
    long_term_note_tr = models.CharField(
        _("long-term milestone in Turkish"), max_length=200, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cycle")
        verbose_name_plural = _("cycles")
        ordering = ["network", "-start_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="cycle_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(short_term_until__gte=F("start_date"))
                & Q(medium_term_until__gte=F("short_term_until"))
                & Q(long_term_until__gte=F("medium_term_until")),
                name="cycle_horizons_in_order",
            ),
        ]

    def __str__(self):
        return self.display_title

    def get_absolute_url(self):
        return reverse(
            "cycle-detail", kwargs={"network_slug": self.network.slug, "cycle_pk": self.pk}
        )

    display_title = Localized("title")

    def horizons(self) -> list[dict]:
        """Return the three horizons with the date each starts and ends."""
        starts = [self.start_date, self.short_term_until, self.medium_term_until]
        ends = [self.short_term_until, self.medium_term_until, self.long_term_until]
        notes = [localized(self, f"{h}_term_note") for h in Horizon.values]
        return [
            {"horizon": h, "label": h.label, "after": s, "until": e, "note": n}
            for h, s, e, n in zip(Horizon, starts, ends, notes, strict=True)
        ]


# Background jobs ---------------------------------------------------------------------------
# The state of work done by the task queue's workers (see core.jobs): a page reads it, polls it
# and offers a retry; the queue's own records (django_tasks_db) only say which task to run.


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Being made")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


def job_silent_since():
    """A running job whose last heartbeat is older than this has lost its worker."""
    return timezone.now() - timezone.timedelta(seconds=settings.JOB_TIMEOUT_SECONDS)


class Job(models.Model):
    """What every background job records: its state, progress, heartbeat and error.

    A concrete job says what it does in `work(progress)`, which returns the fields to save
    once it is done; `core.jobs` runs it in the worker, beats its heartbeat, queues it again
    when its worker died and records a readable error when it fails."""

    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    task_id = models.CharField(_("task"), max_length=64, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("asked for by"),
    )
    created_at = models.DateTimeField(_("asked for"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    @property
    def is_pending(self) -> bool:
        """Still to watch: waiting or being made."""
        return not self.is_finished

    @property
    def is_interrupted(self) -> bool:
        """Being made, but its worker has given no sign of life for too long: it stopped."""
        return self.status == JobStatus.RUNNING and (
            self.heartbeat_at is None or self.heartbeat_at < job_silent_since()
        )

    def work(self, progress) -> dict:  # pragma: no cover - every concrete job defines it
        raise NotImplementedError


def file_job_upload_to(instance, filename):
    return f"files/{instance.kind}/{timezone.now():%Y/%m}/{filename}"


class FileJob(Job):
    """A file made by a worker (a document's DOCX or PDF, minutes, a brief), kept in the
    default storage. `key` says what it is (e.g. "document-version:12:docx:tr"), `fingerprint`
    the state of the data it was made from: a file of the same key and fingerprint is made
    once and served again and again."""

    kind = models.CharField(_("kind"), max_length=40)
    key = models.CharField(_("what is made"), max_length=200)
    fingerprint = models.CharField(_("state of the data"), max_length=64, blank=True)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    cycle = models.ForeignKey(
        Cycle,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="file_jobs",
        verbose_name=_("cycle"),
    )
    language = models.CharField(_("language"), max_length=8, blank=True)
    file = models.FileField(_("file"), upload_to=file_job_upload_to, blank=True, max_length=300)
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)

    class Meta(Job.Meta):
        verbose_name = _("file being made")
        verbose_name_plural = _("files being made")
        indexes = [models.Index(fields=["key", "-created_at"], name="file_job_key")]
        constraints = [
            # One live job per key and state of the data: a double click makes one file.
            models.UniqueConstraint(
                fields=["key", "fingerprint"],
                condition=~Q(status="failed"),
                name="file_job_one_live_per_state",
            )
        ]

    def __str__(self):
        return self.filename or self.key

    def work(self, progress) -> dict:
        from django.core.files.base import ContentFile

        from gcmhub.core.makers import maker_of

        filename, content, content_type = maker_of(self.kind).make(self, progress)
        self.file.save(filename, ContentFile(content), save=False)
        return {
            "file": self.file.name,
            "filename": filename,
            "content_type": content_type,
            "size": len(content),
        }


class ScheduledRun(Job):
    """One run of an entry of the schedule (core.schedule: the daily reminders), for the time
    it was due: unique per entry and time, so that however many workers look, it runs once."""

    name = models.CharField(_("what is run"), max_length=50)
    send = models.CharField(_("service called"), max_length=200)
    due_at = models.DateTimeField(_("due"))
    summary = models.CharField(_("result"), max_length=200, blank=True)

    class Meta(Job.Meta):
        verbose_name = _("scheduled run")
        verbose_name_plural = _("scheduled runs")
        ordering = ["-due_at", "name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "due_at"], name="scheduled_run_once")
        ]

    def __str__(self):
        return f"{self.name} · {self.due_at:%Y-%m-%d %H:%M}"

    def work(self, progress) -> dict:
        from django.utils.module_loading import import_string

        sent = import_string(self.send)(today=timezone.localdate())
        return {"summary": f"{sent} e-mails sent"}
