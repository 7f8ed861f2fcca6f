"""`{% load formats %}`: the filters of topfreelancer.formats, for templates and emails.

{{ value|as_date }}  {{ value|as_datetime }}  {{ value|as_time }}  {{ value|as_month }}
{{ seconds|as_duration }}  {{ hours|as_utc_offset }}  {{ code|as_language }}  {{ codes|as_languages }}
{{ amount|as_money:currency }}  {% money_range low high currency per_hour=True %}
{% utc_window low high %}
"""

from django import template

from topfreelancer import formats

register = template.Library()

register.filter("as_date", formats.date)
register.filter("as_datetime", formats.date_time)
register.filter("as_time", formats.time)
register.filter("as_month", formats.month_year)
register.filter("as_day_month", formats.day_month)
register.filter("as_duration", formats.duration)
register.filter("as_utc_offset", formats.utc_offset)
register.filter("as_language", formats.language_name)
register.filter("as_languages", formats.language_names)


@register.filter
def as_money(amount, currency) -> str:
    return "" if amount is None else formats.money(amount, currency)


@register.simple_tag
def money_range(low, high, currency, per_hour=False) -> str:
    return formats.money_range(low, high, currency, per_hour=per_hour)


@register.simple_tag
def utc_window(low, high) -> str:
    return formats.utc_window(low, high)
