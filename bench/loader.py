"""Bulk loader for benchmarks: n vetted, published profiles with realistic skills, languages and experience.

    load_profiles(1_000_000)   # tops the database up to 1,000,000 bench profiles

Idempotent by size: it counts the bench profiles already there and adds only the missing ones, so
loading 1k, then 10k, then 100k reuses the earlier rows. The content (specializations, headlines,
summaries, skills, experience entries) is the demo's (`demo.content`: its tables and generators), in
English and Russian, varied by a seeded random generator, so search words and filters hit realistic
shares of the rows.

Fast: the rows are drawn as plain tuples (no model instances) and written with COPY (PostgreSQL),
BATCH profiles per transaction; the users' and profiles' ids are drawn from their tables' sequences
in one query each per batch, so the children point at them before they are written. One
precomputed password hash; no signals, save() or services per row, so what they derive is computed
here: Profile.save()'s level_rank and rate_min_base_cents, the rendered HTML of the Markdown fields
(RenderedHTMLField; the texts repeat, so each distinct one is rendered once), profile_grant's
Qualification per specialization held (SECOND_SHARE of people in two) with the copies of the
profile's sort columns. The stored search vectors are rebuilt per batch in one SQL UPDATE
(profiles.search.reindex) and the matching's read model rows written
(matching.candidates.candidates_load), then VACUUM ANALYZE (those UPDATEs leave a dead version of
every profile and read-model row, which a live database's autovacuum would have cleared).
Elsewhere than PostgreSQL (the test suite on SQLite) the same rows go through bulk_create.
"""

import functools
import random
import time
from collections import namedtuple
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import User
from demo.content import profiles as writing
from demo.content.funnel import SPECIALIZATIONS
from demo.reference import skill
from matching.candidates import candidates_load
from profiles.models import SORT_COPIES, Experience, Profile, ProfileLanguage, ProfileSkill, Qualification
from profiles.money import base_cents
from profiles.search import reindex
from topfreelancer.markup import render_markdown
from vetting.models import Level, Specialization

BATCH = 10_000
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


# The columns each table is written with (the others are NULL: last_login, edit_token,
# application_id; search_vector until reindex), in the order of the tuples below.
UserRow = namedtuple(
    "UserRow",
    "id email password full_name role language is_superuser is_staff is_active date_joined",
)
ProfileRow = namedtuple(
    "ProfileRow",
    "id user_id specialization_id level_id level_rank accepted_at headline summary summary_html"
    " years_experience hours_per_week available_from rate_min rate_max currency rate_min_base_cents"
    " utc_offset open_to_ongoing is_published last_active_at created_at updated_at search_text",
)
QualificationRow = namedtuple(
    "QualificationRow",
    "profile_id specialization_id level_id level_rank granted_at last_active_at hours_per_week"
    " rate_min_base_cents",
)
SkillRow = namedtuple("SkillRow", "profile_id skill_id verified")
LanguageRow = namedtuple("LanguageRow", "profile_id language proficiency")
ExperienceRow = namedtuple(
    "ExperienceRow",
    "profile_id position organization role started_on ended_on task process team team_size"
    " contribution outcome task_html process_html contribution_html outcome_html",
)


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


@functools.cache
def _html(text: str) -> str:
    """What a RenderedHTMLField stores for this Markdown (its pre_save), rendered once per distinct text."""
    return str(render_markdown(text))


def _ids(model, k: int) -> list[int]:
    """k new primary keys of the model's table, taken before its rows are written."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, k]
            )
            return sorted(pk for (pk,) in cursor.fetchall())
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
        top = cursor.fetchone()[0]
    return list(range(top + 1, top + 1 + k))


def _write(model, rows: list) -> None:
    """The rows (named tuples: their fields are the columns) into the model's table: COPY on
    PostgreSQL, bulk_create elsewhere."""
    columns = rows[0]._fields
    if connection.vendor != "postgresql":
        model.objects.bulk_create([model(**row._asdict()) for row in rows], batch_size=2000)
        return
    sql = f"COPY {model._meta.db_table} ({', '.join(columns)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)


def _bench_users():
    return User.objects.filter(email__endswith="@" + EMAIL_DOMAIN)


def _batch(start: int, size: int, *, rng: random.Random, reference, password: str, now, cents) -> list[int]:
    """Write `size` bench people (numbered from `start`) and everything they own; return the profiles' ids."""
    specs, levels, tail = reference
    spec_slugs = list(SPECIALIZATION_WEIGHTS)
    spec_weights = [SPECIALIZATION_WEIGHTS[s] for s in spec_slugs]
    level_codes = list(LEVEL_WEIGHTS)
    level_weights = [LEVEL_WEIGHTS[c] for c in level_codes]
    user_ids, profile_ids = _ids(User, size), _ids(Profile, size)
    today = date.today()

    # The draws come in three passes (people, their profiles, what the profiles hold), in the order
    # the earlier loader drew them, so a seed gives the same people as before.
    users, plans = [], []
    for i, user_id in zip(range(start, start + size), user_ids, strict=True):
        users.append(
            UserRow(
                id=user_id,
                email=f"bench{i:06d}@{EMAIL_DOMAIN}",
                password=password,
                full_name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                role=User.Role.APPLICANT.value,
                language=settings.LANGUAGE_CODE,
                is_superuser=False,
                is_staff=False,
                is_active=True,
                date_joined=now,
            )
        )
        slug = rng.choices(spec_slugs, spec_weights)[0]
        language = rng.choice(["en", "ru", "ru"])
        plans.append((slug, rng.choices(level_codes, level_weights)[0], language))

    profiles = []
    for j, (user_id, profile_id, (slug, code, language)) in enumerate(
        zip(user_ids, profile_ids, plans, strict=True)
    ):
        rates = writing.RATE_BY_LEVEL
        base = rates[code] if slug in writing.TECHNICAL else int(rates[code] * 0.7)
        rate = None if rng.random() < 0.1 else base + rng.choice([0, 250, 500, 750])
        usd = rng.random() < 0.15
        accepted_at = now - timedelta(days=rng.randint(1, 700))
        headline = writing.headline(slug, language, rng)
        summary = writing.summary(slug, language, rng)
        years = {"junior": 1, "middle": 3, "senior": 6, "lead": 9}[code] + rng.randint(0, 5)
        hours = rng.choice([0, 10, 20, 20, 30, 40])
        available_from = None if rng.random() < 0.5 else today + timedelta(days=rng.randint(0, 90))
        utc_offset = None if rng.random() < 0.05 else rng.choice([-5, 0, 1, 2, 3, 3, 3, 4, 5, 6, 7])
        open_to_ongoing = rng.random() < 0.85
        currency = "USD" if usd else "RUB"
        rate_min = None if rate is None else (rate // 80 if usd else rate)
        level = levels[code]
        profiles.append(
            ProfileRow(
                id=profile_id,
                user_id=user_id,
                specialization_id=specs[slug][0].pk,
                level_id=level.pk,
                level_rank=level.rank,  # Profile.save()
                accepted_at=accepted_at,
                headline=headline,
                summary=summary,
                summary_html=_html(summary),
                years_experience=years,
                hours_per_week=hours,
                available_from=available_from,
                rate_min=rate_min,
                rate_max=None if rate is None else ((rate + 1500) // 80 if usd else rate + 1500),
                currency=currency,
                rate_min_base_cents=cents(rate_min, currency),  # Profile.save()
                utc_offset=utc_offset,
                open_to_ongoing=open_to_ongoing,
                is_published=True,
                # "Recently active" spread over the last 90 days: a ninth of the batch every ten days.
                last_active_at=now - timedelta(days=j % 9 * 10),
                created_at=now,
                updated_at=now,
                search_text="",  # SQLite's; reindex fills it there
            )
        )

    skills, languages, experiences = [], [], []
    for profile_id, (slug, _code, language) in zip(profile_ids, plans, strict=True):
        _spec, tested, own = specs[slug]
        chosen = {s.pk: rng.random() < 0.5 for s in tested}
        for extra in rng.sample(own, rng.randint(2, min(5, len(own)))):
            chosen.setdefault(extra.pk, False)
        for extra in rng.sample(tail, rng.randint(0, 3)):
            chosen.setdefault(extra.pk, False)
        skills += [SkillRow(profile_id, pk, verified) for pk, verified in chosen.items()]
        spoken = rng.choice(writing.LANGUAGE_SETS[language])
        languages += [LanguageRow(profile_id, code, level) for code, level in spoken]
        end = None if rng.random() < 0.6 else today - timedelta(days=rng.randint(10, 200))
        for position, entry in enumerate(writing.experiences(slug, language, rng, rng.randint(2, 4))):
            org, role, task, process, team, team_size, contribution, outcome = entry
            started = (end or today) - timedelta(days=rng.randint(200, 900))
            experiences.append(
                ExperienceRow(
                    profile_id=profile_id,
                    position=position,
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
                    task_html=_html(task),
                    process_html=_html(process),
                    contribution_html=_html(contribution),
                    outcome_html=_html(outcome),
                )
            )
            end = started - timedelta(days=rng.randint(10, 120))

    # What profile_grant writes: a Qualification per specialization held, with copies of the
    # profile's sort columns (Qualification.save()).
    qualifications = []
    second = random.Random(f"second-{start}")
    for profile, (slug, code, _language) in zip(profiles, plans, strict=True):
        copies = {name: getattr(profile, name) for name in SORT_COPIES}
        qualifications.append(
            QualificationRow(
                profile_id=profile.id,
                specialization_id=profile.specialization_id,
                level_id=profile.level_id,
                level_rank=profile.level_rank,
                granted_at=profile.accepted_at,
                **copies,
            )
        )
        if second.random() < SECOND_SHARE:
            other = second.choice([s for s in spec_slugs if s != slug])
            lower = levels[second.choice(level_codes[: level_codes.index(code) + 1])]
            qualifications.append(
                QualificationRow(
                    profile_id=profile.id,
                    specialization_id=specs[other][0].pk,
                    level_id=lower.pk,
                    level_rank=lower.rank,
                    granted_at=profile.accepted_at + timedelta(days=second.randint(1, 60)),
                    **copies,
                )
            )

    for model, rows in (
        (User, users),
        (Profile, profiles),
        (Qualification, qualifications),
        (ProfileSkill, skills),
        (ProfileLanguage, languages),
        (Experience, experiences),
    ):
        _write(model, rows)
    return profile_ids


def load_profiles(n: int, *, seed: int = 1, stdout=None) -> int:
    """Make sure at least n bench profiles exist (vetted, published); return how many were added."""
    have = _bench_users().count()
    if have >= n:
        return 0
    started = time.perf_counter()
    reference = _reference()
    rng = random.Random(f"{seed}-{have}")
    password = make_password("bench-not-a-login")  # one hash for all: hashing is the slow part
    now = timezone.now()
    cents = functools.cache(base_cents)  # a few dozen (rate, currency) pairs, at the rates in force now
    added = 0
    for start in range(have, n, BATCH):
        size = min(BATCH, n - start)
        with transaction.atomic():
            ids = _batch(start, size, rng=rng, reference=reference, password=password, now=now, cents=cents)
            reindex(ids)
            candidates_load(profile_ids=ids)
        added += size
        if stdout is not None and (added % 50_000 == 0 or added == n - have):
            stdout.write(f"  loaded {have + added:,} / {n:,} ({time.perf_counter() - started:.0f} s)\n")
            stdout.flush()
    if connection.vendor == "postgresql":
        # VACUUM cannot run in a transaction (a test's): there the dead versions are the test's own.
        command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
        with connection.cursor() as cursor:
            for table in ("accounts_user", "profiles_profile", "profiles_profileskill", "matching_candidate",
                          "profiles_profilelanguage", "profiles_experience",
                          "profiles_qualification"):  # fmt: skip
                cursor.execute(f"{command} {table}")
    return added
