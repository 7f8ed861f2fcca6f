from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo world (`manage.py demo_data`): above every app, imported by none of them."""

    name = "demo"
    verbose_name = "Demo"
