"""Reference data written in both languages (`name_en`, `name_ru`) reads in the active one."""

from django.utils import translation


class Translated:
    """`name = Translated("name")` reads `name_<active language>`, falling back to `name_en` (or to
    the field named by `fallback`: `Translated("name", fallback="name")` when English is `name`)."""

    def __init__(self, base: str, *, fallback: str = ""):
        self.base = base
        self.fallback = fallback or f"{base}_en"

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        language = (translation.get_language() or "en")[:2]
        return getattr(obj, f"{self.base}_{language}", "") or getattr(obj, self.fallback)
