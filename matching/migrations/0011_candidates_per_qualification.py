from django.db import migrations


def fill(apps, schema_editor):
    """One read-model row per qualification: a listed profile with a qualification in another
    specialization than its row's (recovered by profiles 0014) gets that row too, with that
    qualification's level and the same other inputs, not yet applied (the sweep ranks it in)."""
    Candidate = apps.get_model("matching", "Candidate")
    Qualification = apps.get_model("profiles", "Qualification")
    rows = {}
    for row in Candidate.objects.filter(listed=True).order_by("pk"):
        rows.setdefault(row.profile_id, row)
    have = set(Candidate.objects.values_list("specialization_id", "profile_id"))
    new = []
    for q in Qualification.objects.filter(profile_id__in=list(rows)).values(
        "profile_id", "specialization_id", "level_id"
    ):
        if (q["specialization_id"], q["profile_id"]) in have:
            continue
        source = rows[q["profile_id"]]
        fields = {
            f.attname: getattr(source, f.attname)
            for f in Candidate._meta.concrete_fields
            if f.attname not in ("id", "specialization_id", "level_id", "version", "applied_version")
        }
        new.append(Candidate(**fields, specialization_id=q["specialization_id"], level_id=q["level_id"]))
    Candidate.objects.bulk_create(new, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0010_clock_defaults"),
        ("profiles", "0015_qualifications"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
