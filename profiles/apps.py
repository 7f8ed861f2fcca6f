from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProfilesConfig(AppConfig):
    name = "profiles"
    verbose_name = _("Profiles")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from vetting.models import Level, Specialization
        from vetting.signals import application_accepted

        from .filters import clear_reference_choices
        from .models import Skill
        from .services import _grant_on_acceptance

        application_accepted.connect(_grant_on_acceptance, dispatch_uid="profiles.grant_on_acceptance")

        for model in (Specialization, Level, Skill):
            post_save.connect(clear_reference_choices, sender=model)
            post_delete.connect(clear_reference_choices, sender=model)
