"""What the vetting tells the apps above it. The vetting imports none of them (the apps point one
way: accounts <- vetting <- profiles <- needs <- matching); they subscribe in AppConfig.ready().
"""

from django.dispatch import Signal

# Sent inside the transaction that accepts an application, after its status and level are saved.
# Arguments: application (accepted, with its level), verified_skills (the Skill rows the tests proved).
# A receiver that fails rolls the acceptance back: the profile and the decision go together.
application_accepted = Signal()


def announce_acceptance(application, *, verified_skills=()) -> None:
    application_accepted.send(
        sender=type(application), application=application, verified_skills=list(verified_skills)
    )
