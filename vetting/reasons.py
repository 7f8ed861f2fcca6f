"""Reasons the system writes to an applicant, kept as a code and its figures and put into words when
a page or an email is rendered, in the reader's language (the text written at decision time was in
whatever language was active then: a Celery worker's English, a moderator's Russian).

A reason from a template is shown from the template in the reader's language too, unless the
moderator wrote their own words (`StageResult.reason_text`).
"""

from django.utils.translation import gettext_lazy as _

REASONS = {
    "too_few_years": _(
        "This specialization asks for at least %(years)d years of experience; "
        "you told us %(given)d. You are welcome to apply again once you have it."
    ),
    "test_score": _(
        "Your score was %(score)s%%, and this stage needs %(mark)d%%. The test checks the "
        "everyday knowledge of the specialization; you can try again after the cooldown."
    ),
    "test_late": _("The time limit passed before the answers arrived, so they could not be counted."),
    "test_timed_out": _("The time limit passed without answers being sent."),
    "withdrawn": _("Withdrawn by the applicant."),
    "idle": _("The application waited too long at the %(stage)s stage."),
}


def reason_words(code: str, params: dict) -> str:
    """The reason `code` with its figures, in the active language ("" for an unknown code)."""
    message = REASONS.get(code)
    if message is None:
        return ""
    try:
        return str(message) % params
    except (KeyError, TypeError, ValueError):  # figures stored by an older version of the message
        return ""
