from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_from_profiles(apps, schema_editor):
    """The existing rows take their profile's normalized rate (profiles 0011 filled it)."""
    Candidate = apps.get_model("matching", "Candidate")
    Profile = apps.get_model("profiles", "Profile")
    Candidate.objects.update(
        rate_min_base_cents=Subquery(Profile.objects.filter(pk=OuterRef("profile_id")).values("rate_min_base_cents"))
    )


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0007_moderators_read_outcomes"),
        ("profiles", "0013_exchange_rates"),
    ]

    operations = [
        migrations.AddField(
            model_name="candidate",
            name="rate_min_base_cents",
            field=models.PositiveBigIntegerField(blank=True, null=True),
        ),
        migrations.RunPython(copy_from_profiles, migrations.RunPython.noop),
    ]
