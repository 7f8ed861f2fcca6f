from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _

from vetting.signals import application_accepted

from .signals import exchange_rates_changed


class ProfilesConfig(AppConfig):
    name = "profiles"
    verbose_name = _("Profiles")

    def ready(self):
        # These import models: only once the app registry is ready.
        from vetting.models import Level, Skill, Specialization  # noqa: PLC0415 - models, see above

        from . import filters, money, rendered, search, services, words  # noqa: PLC0415 - models, see above
        from .models import Profile, Qualification, Synonym  # noqa: PLC0415 - models, see above

        application_accepted.connect(
            services._grant_on_acceptance, dispatch_uid="profiles.grant_on_acceptance"
        )
        post_save.connect(money.clear_rate_table, sender=money.ExchangeRate)
        post_delete.connect(money.clear_rate_table, sender=money.ExchangeRate)

        for model in (Specialization, Level, Skill):
            post_save.connect(filters.clear_reference_choices, sender=model)
            post_delete.connect(filters.clear_reference_choices, sender=model)
        # Cached cards and profile pages show these names and the rates (profiles.rendered).
        for model in (Specialization, Level, Skill, money.ExchangeRate):
            post_save.connect(
                rendered.bump_generation,
                sender=model,
                dispatch_uid=f"profiles.rendered.save.{model.__name__}",
            )
            post_delete.connect(
                rendered.bump_generation, sender=model, dispatch_uid=f"profiles.rendered.del.{model.__name__}"
            )
        # What the catalogue lists (cached per query, profiles.views.catalogue) changes with them.
        bump = rendered.bump_listing_generation
        for model in (Profile, Qualification):
            post_save.connect(bump, sender=model, dispatch_uid=f"profiles.listing.save.{model.__name__}")
            post_delete.connect(bump, sender=model, dispatch_uid=f"profiles.listing.del.{model.__name__}")
        exchange_rates_changed.connect(bump, dispatch_uid="profiles.listing.rates")
        for model in (Specialization, Level, Skill, Synonym):
            post_save.connect(words.clear_vocabulary, sender=model)
            post_delete.connect(words.clear_vocabulary, sender=model)
        post_migrate.connect(search.fill_missing_search_text, sender=self)
