"""Tokens that other systems (a data warehouse, Power BI, a feeder system) use to read and post figures."""

from django.conf import settings
from django.db import models

from plans.models import OrganisationUnit


class ApiToken(models.Model):
    """A system's key to the API: read only or read and write, for a part of the council (and everything
    beneath it) or the whole council. Only a hash of the secret is kept; the secret is shown once."""

    class Access(models.TextChoices):
        READ = "read", "Read only"
        READ_WRITE = "read_write", "Read and post indicator values"

    name = models.CharField(
        max_length=100, unique=True, help_text="The system that uses it, e.g. “Waste feeder system”."
    )
    access = models.CharField(max_length=12, choices=Access.choices, default=Access.READ)
    unit = models.ForeignKey(
        OrganisationUnit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="api_tokens",
        verbose_name="part of the council",
        help_text="The token sees this unit and everything beneath it. Blank for the whole council.",
    )
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    key_hint = models.CharField("starts with", max_length=20, editable=False)
    service_user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="api_token",
        editable=False,
        help_text="Who the audit trail names for the token's writes (cannot sign in).",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = "API token"

    def __str__(self):
        return self.name

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @property
    def can_write(self) -> bool:
        return self.access == self.Access.READ_WRITE
