from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _

from accounts.names import register_revealer
from needs.signals import need_changed
from profiles import hooks as profiles_hooks
from profiles.signals import exchange_rates_changed, profile_changed


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = _("Matching")

    def ready(self):
        # These import models: only once the app registry is ready.
        from . import panels, profile_hooks, receivers  # noqa: PLC0415 - models, see above
        from .selectors import names_revealed_by_invitations  # noqa: PLC0415 - models, see above

        register_revealer(names_revealed_by_invitations)
        panels.register()
        profiles_hooks.register_panel(profile_hooks.invite_panel)
        profile_changed.connect(receivers.profile_changed, dispatch_uid="matching.profile_changed")
        need_changed.connect(receivers.need_changed, dispatch_uid="matching.need_changed")
        exchange_rates_changed.connect(
            receivers.exchange_rates_changed, dispatch_uid="matching.exchange_rates_changed"
        )
        post_save.connect(receivers.user_saved, sender=settings.AUTH_USER_MODEL, dispatch_uid="matching.user")
