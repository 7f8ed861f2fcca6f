"""Reference data written in both languages (`name_en`, `name_ru`) reads in the active one."""

from django.utils import translation


class Translated:
    """`name = Translated("name")` reads `name_<active language>`, falling back to `name_en`."""

    def __init__(self, base: str):
        self.base = base

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        language = (translation.get_language() or "en")[:2]
        return getattr(obj, f"{self.base}_{language}", "") or getattr(obj, f"{self.base}_en")
