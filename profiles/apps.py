from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProfilesConfig(AppConfig):
    name = "profiles"
    verbose_name = _("Profiles")

    def ready(self):
        from django.db.models.signals import post_delete, post_migrate, post_save

        from vetting.models import Level, Specialization
        from vetting.signals import application_accepted

        from .filters import clear_reference_choices
        from .models import Skill, Synonym
        from .money import ExchangeRate, clear_rate_table
        from .rendered import bump_generation
        from .services import _grant_on_acceptance
        from .words import clear_vocabulary

        application_accepted.connect(_grant_on_acceptance, dispatch_uid="profiles.grant_on_acceptance")
        post_save.connect(clear_rate_table, sender=ExchangeRate)
        post_delete.connect(clear_rate_table, sender=ExchangeRate)

        for model in (Specialization, Level, Skill):
            post_save.connect(clear_reference_choices, sender=model)
            post_delete.connect(clear_reference_choices, sender=model)
        # Cached cards and profile pages show these names and the rates (profiles.rendered).
        for model in (Specialization, Level, Skill, ExchangeRate):
            post_save.connect(
                bump_generation, sender=model, dispatch_uid=f"profiles.rendered.save.{model.__name__}"
            )
            post_delete.connect(
                bump_generation, sender=model, dispatch_uid=f"profiles.rendered.del.{model.__name__}"
            )
        for model in (Specialization, Level, Skill, Synonym):
            post_save.connect(clear_vocabulary, sender=model)
            post_delete.connect(clear_vocabulary, sender=model)
        post_migrate.connect(_fill_search_text, sender=self)


def _fill_search_text(using, **kwargs):
    """SQLite: give profiles made before the stored search text had one (PostgreSQL's vectors are
    rebuilt by the migrations' SQL; Python stemming cannot be frozen into a migration)."""
    from django.db import connections

    from .models import Profile
    from .search import reindex

    if connections[using].vendor == "sqlite":
        reindex(Profile.objects.using(using).filter(search_text="").values_list("pk", flat=True))
