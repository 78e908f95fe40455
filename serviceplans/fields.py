"""Numbers kept exactly, within bounds, and read back safely.

:class:`BoundedDecimalField` is a ``DecimalField`` that

- refuses, in every form built from the model (admin included), a number with more digits before the point
  than the column keeps, with a message naming the largest number allowed;
- comes with a database ``CheckConstraint`` (:func:`decimal_bounds`) so that no path at all (a command, the
  API, raw SQL) can store one;
- reads a bad stored number (one written before the constraint existed, on SQLite, which stores any number)
  as no value, and logs it, instead of failing every page that reads the row.
"""

import decimal
import logging
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

logger = logging.getLogger(__name__)


def decimal_limit(max_digits: int, decimal_places: int) -> Decimal:
    """Every number a ``(max_digits, decimal_places)`` column keeps is strictly smaller than this."""
    return Decimal(10) ** (max_digits - decimal_places)


def largest_words(max_digits: int, decimal_places: int) -> str:
    """The largest whole number the column keeps, as the council writes it: ``9,999,999,999,999,999``."""
    return f"{decimal_limit(max_digits, decimal_places) - 1:,}"


def decimal_bounds(field: str, *, max_digits: int, decimal_places: int, name: str) -> models.CheckConstraint:
    """A constraint keeping ``field`` (when set) strictly inside what its column can hold."""
    limit = decimal_limit(max_digits, decimal_places)
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__isnull": True})
        | models.Q(**{f"{field}__gt": -limit, f"{field}__lt": limit}),
        name=name,
    )


class BoundedDecimalField(models.DecimalField):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.max_digits is not None and self.decimal_places is not None:
            limit = decimal_limit(self.max_digits, self.decimal_places)
            words = largest_words(self.max_digits, self.decimal_places)
            message = f"Enter a number between -{words} and {words}"
            if not any(isinstance(v, MaxValueValidator) for v in self._validators):
                self._validators.append(
                    MaxValueValidator(limit - Decimal(1).scaleb(-self.decimal_places), message)
                )
            if not any(isinstance(v, MinValueValidator) for v in self._validators):
                self._validators.append(
                    MinValueValidator(-limit + Decimal(1).scaleb(-self.decimal_places), message)
                )

    def formfield(self, **kwargs):
        words = largest_words(self.max_digits, self.decimal_places)
        too_big = f"Enter a number between -{words} and {words}"
        messages = {
            "max_whole_digits": too_big,
            "max_digits": too_big,
            "max_decimal_places": f"Enter the number with no more than {self.decimal_places} decimal places",
        }
        kwargs["error_messages"] = messages | kwargs.get("error_messages", {})
        return super().formfield(**kwargs)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        kwargs.pop("validators", None)  # added by __init__ from the digits; nothing to migrate
        return name, "serviceplans.fields.BoundedDecimalField", args, kwargs

    @property
    def context(self):
        # SQLite's converter quantizes with this context; a number too long for the column then becomes NaN
        # (instead of raising), and the converter below turns it into no value.
        return decimal.Context(prec=self.max_digits, traps=[])

    def get_db_converters(self, connection):
        return [*super().get_db_converters(connection), self._refuse_invalid]

    def _refuse_invalid(self, value, expression, connection):
        if isinstance(value, Decimal) and not value.is_finite():
            logger.warning(
                "Invalid number stored in %s.%s: read as no value. Correct it in admin.",
                self.model._meta.db_table if hasattr(self, "model") else "?",
                self.name,
            )
            return None
        return value
