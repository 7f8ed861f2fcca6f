from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from topfreelancer.text import SingleLineCharField

MODERATORS_GROUP = "Moderators"


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who logs in by email. The role is chosen at sign-up; moderators are staff users."""

    class Role(models.TextChoices):
        APPLICANT = "applicant", _("Specialist (I want to apply)")
        CUSTOMER = "customer", _("Customer (I want to hire)")

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True)
    full_name = SingleLineCharField(_("full name"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, blank=True)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=["", "applicant", "customer"]), name="user_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def is_applicant(self) -> bool:
        return self.role == self.Role.APPLICANT

    @property
    def is_customer(self) -> bool:
        return self.role == self.Role.CUSTOMER

    @property
    def is_moderator(self) -> bool:
        """Staff in the Moderators group, or a superuser."""
        if not self.is_active or not self.is_staff:
            return False
        return self.is_superuser or self.groups.filter(name=MODERATORS_GROUP).exists()


class OutboundEmail(models.Model):
    """An email recorded before it is sent, so a broker outage delays it instead of losing it.

    `accounts.emails.email_enqueue` creates the row and publishes the send task on commit;
    the task sends it once (the row is locked, `sent_at` makes it idempotent) and the beat
    task `send_pending_emails` re-publishes rows that are still pending. An email that cannot be
    built (a header that cannot be encoded) is marked failed with its reason and never retried.
    """

    to = models.EmailField(verbose_name=_("to (email)"))
    subject = models.CharField(max_length=255, verbose_name=_("subject"))
    body = models.TextField(verbose_name=_("body"))
    created_at = models.DateTimeField(auto_now_add=True, db_index=True, verbose_name=_("created at"))
    sent_at = models.DateTimeField(null=True, blank=True, verbose_name=_("sent at"))
    failed_at = models.DateTimeField(_("failed"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0, verbose_name=_("attempts"))
    last_error = models.TextField(_("last error (the reason when failed)"), blank=True)

    class Meta:
        verbose_name = _("outbound email")
        verbose_name_plural = _("outbound emails")
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["created_at"], condition=models.Q(sent_at__isnull=True), name="email_pending_idx"
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(sent_at__isnull=True) | models.Q(failed_at__isnull=True),
                name="email_sent_or_failed_not_both",
            )
        ]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"
