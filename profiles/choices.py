from django.db import models
from django.utils.translation import gettext_lazy as _


class Currency(models.TextChoices):
    RUB = "RUB", "₽ RUB"
    USD = "USD", "$ USD"
    EUR = "EUR", "€ EUR"


class Proficiency(models.IntegerChoices):
    BASIC = 1, _("Basic")
    CONVERSATIONAL = 2, _("Conversational")
    FLUENT = 3, _("Fluent")
    NATIVE = 4, _("Native")


class Language(models.TextChoices):
    """Working languages, by ISO 639-1 code."""

    EN = "en", _("English")
    RU = "ru", _("Russian")
    DE = "de", _("German")
    FR = "fr", _("French")
    ES = "es", _("Spanish")
    UK = "uk", _("Ukrainian")
    KK = "kk", _("Kazakh")
    ZH = "zh", _("Chinese")
