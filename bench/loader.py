"""Bulk loader for benchmarks: n vetted, published profiles with realistic skills, languages and experience.

    load_profiles(100_000)   # tops the database up to 100,000 bench profiles; minutes, not hours

Idempotent by size: it counts the bench profiles already there and adds only the missing ones, so
loading 1k, then 10k, then 100k reuses the earlier rows. The content (specializations, headlines,
summaries, skills, experience entries) is the demo's (`demo.content`: its tables and generators), in
English and Russian, varied by a seeded random generator, so search words and filters hit realistic
shares of the rows.

Fast: one precomputed password hash; bulk_create for users and profiles (their ids are needed),
COPY (PostgreSQL) for skills, languages and experience; BATCH profiles per transaction; no signals,
save() or services per row, so what save() derives is set here (level_rank) and what profile_grant
writes too (a Qualification per specialization held, SECOND_SHARE of them in two); the stored search
vectors are rebuilt per batch in one SQL UPDATE (profiles.search.reindex) and the matching's read
model rows written (matching.candidates.candidates_load), then ANALYZE.
"""

import random
import time
from datetime import date, timedelta

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import User
from demo.content import profiles as writing
from demo.content.funnel import SPECIALIZATIONS
from demo.reference import skill
from matching.candidates import candidates_load
from profiles.models import (
    SORT_COPIES,
    Experience,
    Profile,
    ProfileLanguage,
    ProfileSkill,
    Qualification,
)
from profiles.money import base_cents
from profiles.search import reindex
from vetting.models import Level, Specialization

BATCH = 2000
EMAIL_DOMAIN = "bench.topfreelancer.example"
# How the bench population spreads: more developers than illustrators, more middles than leads.
SPECIALIZATION_WEIGHTS = {
    "backend-development": 26,
    "frontend-development": 20,
    "mobile-development": 12,
    "ui-ux-design": 12,
    "copywriting": 10,
    "editing": 7,
    "translation": 8,
    "illustration": 5,
}
LEVEL_WEIGHTS = {"junior": 20, "middle": 38, "senior": 30, "lead": 12}
# The share of people accepted in a second specialization too, at a level no higher than the first
# (drawn by a generator of its own, so the rest of the population is the same as without them).
SECOND_SHARE = 0.05
# A long tail of skills any profile may carry besides its specialization's own.
TAIL_SKILLS = [
    "Git", "Jira", "Notion", "Agile", "Scrum", "Mentoring", "Public speaking", "Kubernetes",
    "GraphQL", "Go", "Rust", "Java", "PHP", "Excel", "SQL", "Data analysis", "Photoshop",
    "Illustrator", "After Effects", "Marketing", "Product management", "Technical writing",
]  # fmt: skip
FIRST = ["Anna", "Boris", "Chen", "Daria", "Elif", "Fedor", "Greta", "Hugo", "Irina", "Jonas", "Kira", "Leon"]
LAST = ["Ivanova", "Petrov", "Smirnova", "Kuznetsov", "Novak", "Berg", "Lind", "Moreau", "Rossi", "Sato"]


def _reference():
    """Specializations (the demo's eight), levels and skills, created if missing."""
    specs = {}
    for slug, name_en, name_ru, technical, cooldown, _stages, tested in SPECIALIZATIONS:
        spec, _ = Specialization.objects.get_or_create(
            slug=slug,
            defaults={
                "name_en": name_en,
                "name_ru": name_ru,
                "is_technical": technical,
                "reapply_cooldown_days": cooldown,
            },
        )
        specs[slug] = (
            spec,
            [skill(name) for name in tested],
            [skill(name) for name in writing.MORE_SKILLS[slug]],
        )
    levels = {level.code: level for level in Level.objects.all()}
    tail = [skill(name) for name in TAIL_SKILLS]
    return specs, levels, tail


def _insert(model, objs: list) -> None:
    """Rows without ids to read back: COPY on PostgreSQL (several times faster), bulk_create elsewhere."""
    if connection.vendor != "postgresql":
        model.objects.bulk_create(objs, batch_size=BATCH * 2)
        return
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for obj in objs:
            copy.write_row([f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields])


def _copies(profile: Profile) -> dict:
    """What Qualification.save() copies from its profile (profiles.models.SORT_COPIES)."""
    return {name: getattr(profile, name) for name in SORT_COPIES}


def _bench_users():
    return User.objects.filter(email__endswith="@" + EMAIL_DOMAIN)


def _rows(start: int, size: int, *, rng: random.Random, specs, levels, tail, password: str, now):
    spec_slugs = list(SPECIALIZATION_WEIGHTS)
    spec_weights = [SPECIALIZATION_WEIGHTS[s] for s in spec_slugs]
    level_codes = list(LEVEL_WEIGHTS)
    level_weights = [LEVEL_WEIGHTS[c] for c in level_codes]
    users, plans = [], []
    for i in range(start, start + size):
        users.append(
            User(
                email=f"bench{i:06d}@{EMAIL_DOMAIN}",
                password=password,
                role=User.Role.APPLICANT,
                full_name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            )
        )
        slug = rng.choices(spec_slugs, spec_weights)[0]
        language = rng.choice(["en", "ru", "ru"])
        plans.append((slug, rng.choices(level_codes, level_weights)[0], language))
    users = User.objects.bulk_create(users, batch_size=BATCH)
    today = date.today()
    profiles = []
    for user, (slug, code, language) in zip(users, plans, strict=True):
        spec = specs[slug][0]
        rates = writing.RATE_BY_LEVEL
        base = rates[code] if slug in writing.TECHNICAL else int(rates[code] * 0.7)
        rate = None if rng.random() < 0.1 else base + rng.choice([0, 250, 500, 750])
        usd = rng.random() < 0.15
        profiles.append(
            Profile(
                user=user,
                specialization=spec,
                level=levels[code],
                accepted_at=now - timedelta(days=rng.randint(1, 700)),
                headline=writing.headline(slug, language, rng),
                summary=writing.summary(slug, language, rng),
                years_experience={"junior": 1, "middle": 3, "senior": 6, "lead": 9}[code] + rng.randint(0, 5),
                hours_per_week=rng.choice([0, 10, 20, 20, 30, 40]),
                available_from=None
                if rng.random() < 0.5
                else date.today() + timedelta(days=rng.randint(0, 90)),
                rate_min=None if rate is None else (rate // 80 if usd else rate),
                rate_max=None if rate is None else ((rate + 1500) // 80 if usd else rate + 1500),
                currency="USD" if usd else "RUB",
                utc_offset=None if rng.random() < 0.05 else rng.choice([-5, 0, 1, 2, 3, 3, 3, 4, 5, 6, 7]),
                open_to_ongoing=rng.random() < 0.85,
                is_published=True,
            )
        )
    for profile in profiles:  # Profile.save() derives them; bulk_create does not call save()
        profile.level_rank = profile.level.rank
        profile.rate_min_base_cents = base_cents(profile.rate_min, profile.currency)
    profiles = Profile.objects.bulk_create(profiles, batch_size=BATCH)
    skills, languages, experiences = [], [], []
    for profile, (slug, _code, language) in zip(profiles, plans, strict=True):
        _spec, tested, own = specs[slug]
        chosen = {s.pk: rng.random() < 0.5 for s in tested}
        for extra in rng.sample(own, rng.randint(2, min(5, len(own)))):
            chosen.setdefault(extra.pk, False)
        for extra in rng.sample(tail, rng.randint(0, 3)):
            chosen.setdefault(extra.pk, False)
        skills += [ProfileSkill(profile=profile, skill_id=pk, verified=v) for pk, v in chosen.items()]
        languages += [
            ProfileLanguage(profile=profile, language=code, proficiency=level)
            for code, level in rng.choice(writing.LANGUAGE_SETS[language])
        ]
        end = None if rng.random() < 0.6 else today - timedelta(days=rng.randint(10, 200))
        for position, entry in enumerate(writing.experiences(slug, language, rng, rng.randint(2, 4))):
            org, role, task, process, team, team_size, contribution, outcome = entry
            started = (end or today) - timedelta(days=rng.randint(200, 900))
            experiences.append(
                Experience(
                    profile=profile,
                    organization=org,
                    role=role,
                    started_on=started,
                    ended_on=end,
                    task=task,
                    process=process,
                    team=team,
                    team_size=team_size,
                    contribution=contribution,
                    outcome=outcome,
                    position=position,
                )
            )
            end = started - timedelta(days=rng.randint(10, 120))
    qualifications = []
    second = random.Random(f"second-{start}")
    for profile, (slug, code, _language) in zip(profiles, plans, strict=True):
        qualifications.append(
            Qualification(
                profile=profile,
                specialization=specs[slug][0],
                level=profile.level,
                level_rank=profile.level_rank,
                granted_at=profile.accepted_at,
                **_copies(profile),
            )
        )
        if second.random() < SECOND_SHARE:
            other = second.choice([s for s in spec_slugs if s != slug])
            lower = second.choice(level_codes[: level_codes.index(code) + 1])
            qualifications.append(
                Qualification(
                    profile=profile,
                    specialization=specs[other][0],
                    level=levels[lower],
                    level_rank=levels[lower].rank,
                    granted_at=profile.accepted_at + timedelta(days=second.randint(1, 60)),
                    **_copies(profile),
                )
            )
    for model, objs in (
        (ProfileSkill, skills),
        (ProfileLanguage, languages),
        (Experience, experiences),
        (Qualification, qualifications),
    ):
        _insert(model, objs)
    # auto_now_add stamped every row "now": spread "recently active" over the last 90 days.
    ids = [p.pk for p in profiles]
    for days in range(0, 90, 10):
        Profile.objects.filter(pk__in=ids[days // 10 :: 9]).update(last_active_at=now - timedelta(days=days))
        Qualification.objects.filter(profile_id__in=ids[days // 10 :: 9]).update(
            last_active_at=now - timedelta(days=days)
        )
    return ids


def load_profiles(n: int, *, seed: int = 1, stdout=None) -> int:
    """Make sure at least n bench profiles exist (vetted, published); return how many were added."""
    have = _bench_users().count()
    if have >= n:
        return 0
    started = time.perf_counter()
    specs, levels, tail = _reference()
    rng = random.Random(f"{seed}-{have}")
    password = make_password("bench-not-a-login")  # one hash for all: hashing is the slow part
    now = timezone.now()
    added = 0
    for start in range(have, n, BATCH):
        size = min(BATCH, n - start)
        with transaction.atomic():
            ids = _rows(
                start, size, rng=rng, specs=specs, levels=levels, tail=tail, password=password, now=now
            )
            reindex(ids)
            candidates_load(profile_ids=ids)
        added += size
        if stdout is not None and (added % 20_000 == 0 or added == n - have):
            stdout.write(f"  loaded {have + added:,} / {n:,} ({time.perf_counter() - started:.0f} s)\n")
            stdout.flush()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for table in ("accounts_user", "profiles_profile", "profiles_profileskill", "matching_candidate",
                          "profiles_profilelanguage", "profiles_experience",
                          "profiles_qualification"):  # fmt: skip
                cursor.execute(f"ANALYZE {table}")
    return added
