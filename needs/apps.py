from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from profiles.hooks import register_back_link, register_panel


class NeedsConfig(AppConfig):
    name = "needs"
    verbose_name = _("Needs")

    def ready(self):
        from .profile_hooks import post_a_need_panel, shortlist_back_link  # noqa: PLC0415 - imports models

        register_back_link(shortlist_back_link)
        register_panel(post_a_need_panel)
