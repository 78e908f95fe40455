"""The shared kernel keeps one table of its own: recent password reset requests, to limit them."""

from django.db import models


class PasswordResetRequest(models.Model):
    """A password reset asked for: from which address, for which e-mail (as a digest), when. Rows older
    than ``PASSWORD_RESET_WINDOW_MINUTES`` are deleted as new requests arrive (serviceplans.security)."""

    address = models.CharField(max_length=45)
    email_digest = models.CharField(max_length=64)
    requested_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        indexes = [
            models.Index(fields=["address", "requested_at"], name="reset_request_address"),
            models.Index(fields=["email_digest", "requested_at"], name="reset_request_email"),
        ]

    def __str__(self):
        return f"Password reset from {self.address} at {self.requested_at:%d/%m/%Y %H:%M}"
