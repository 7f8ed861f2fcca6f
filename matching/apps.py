from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = _("Matching")

    def ready(self):
        from django.conf import settings
        from django.db.models.signals import post_save

        from accounts.names import register_revealer
        from needs.signals import need_changed
        from profiles.hooks import register_panel
        from profiles.signals import exchange_rates_changed, profile_changed

        from . import receivers
        from .profile_hooks import invite_panel
        from .selectors import names_revealed_by_invitations

        register_revealer(names_revealed_by_invitations)
        register_panel(invite_panel)
        profile_changed.connect(receivers.profile_changed, dispatch_uid="matching.profile_changed")
        need_changed.connect(receivers.need_changed, dispatch_uid="matching.need_changed")
        exchange_rates_changed.connect(
            receivers.exchange_rates_changed, dispatch_uid="matching.exchange_rates_changed"
        )
        post_save.connect(receivers.user_saved, sender=settings.AUTH_USER_MODEL, dispatch_uid="matching.user")
