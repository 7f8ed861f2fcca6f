"""Full-text search over headline, skills, specialization and level names, summary and experience
(organization, role, team and the person's own contribution: the task/process/outcome texts are
left out so a vector stays small enough to be stored inline rather than TOASTed, which made every
@@ check ~25 us at 10k rows).

Word forms: PostgreSQL's `russian` configuration stems Cyrillic words with russian_stem and Latin
ones with english_stem, so one stored vector holds both languages' stems (no second vector, no
doubled size); skill, specialization and level names are indexed in English and Russian, so the
two languages meet. A query is read by profiles.words (synonyms, typos of vocabulary words, the
last word as a prefix) into units that must all match, each by any of its alternatives.

PostgreSQL: the stored tsvector (Profile.search_vector, GIN-indexed), rebuilt in SQL by `reindex`
whenever the services change what it covers; a query is one index lookup, ranked by ts_rank with
the vector's weights (headline and skills A, names and summary B, experience C). SQLite (the quick
start): the same texts stemmed in Python into Profile.search_text, matched word by word and
ranked by how many query words the headline and skills hold.
"""

import operator
import re
from collections.abc import Iterable
from functools import reduce

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection, connections
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When

from vetting.models import Skill

from . import words
from .models import Profile

CONFIG = "russian"  # Cyrillic words: russian_stem; Latin words: english_stem (see the docstring)
RANK = "search_rank"  # the annotation the "Best match" order reads

# Frozen copies of this SQL live in migrations; change both when the vector changes.
_REINDEX_SQL = f"""
UPDATE profiles_profile AS p SET search_vector =
    setweight(to_tsvector('{CONFIG}', coalesce(p.headline, '')), 'A')
 || setweight(to_tsvector('{CONFIG}', coalesce((
        SELECT string_agg(concat_ws(' ', s.name, NULLIF(s.name_ru, s.name)), ' ')
        FROM profiles_profileskill ps JOIN {Skill._meta.db_table} s ON s.id = ps.skill_id
        WHERE ps.profile_id = p.id), '')), 'A')
 || setweight(to_tsvector('{CONFIG}', coalesce((
        SELECT string_agg(concat_ws(' ', sp.name_en, sp.name_ru, lv.name_en, lv.name_ru), ' ')
        FROM profiles_qualification q JOIN vetting_specialization sp ON sp.id = q.specialization_id
        JOIN vetting_level lv ON lv.id = q.level_id WHERE q.profile_id = p.id), '')), 'B')
 || setweight(to_tsvector('{CONFIG}', coalesce(p.summary, '')), 'B')
 || setweight(to_tsvector('{CONFIG}', coalesce((
        SELECT string_agg(concat_ws(' ', e.organization, e.role, e.team, e.contribution), ' ')
        FROM profiles_experience e WHERE e.profile_id = p.id), '')), 'C')
"""


def reindex(profile_ids: Iterable[int] | None = None) -> None:
    """Rebuild the stored search vector (PostgreSQL) or text (SQLite) of these profiles (all when None)."""
    ids = None if profile_ids is None else list(profile_ids)
    if ids == []:
        return
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            if ids is None:
                cursor.execute(_REINDEX_SQL)
            else:
                cursor.execute(_REINDEX_SQL + " WHERE p.id = ANY(%s)", [ids])
        return
    profiles = Profile.objects.prefetch_related(
        "skills__skill", "experiences", "qualifications__specialization", "qualifications__level"
    )
    if ids is not None:
        profiles = profiles.filter(pk__in=ids)
    changed = []
    for profile in profiles:
        profile.search_text = search_text(profile)
        changed.append(profile)
    Profile.objects.bulk_update(changed, ["search_text"], batch_size=500)


def fill_missing_search_text(using, **kwargs) -> None:
    """post_migrate on SQLite: give profiles made before the stored search text had one (PostgreSQL's
    vectors are rebuilt by the migrations' SQL; Python stemming cannot be frozen into a migration)."""
    if connections[using].vendor == "sqlite":
        reindex(Profile.objects.using(using).filter(search_text="").values_list("pk", flat=True))


def search_text(profile: Profile) -> str:
    """SQLite's stored text: " <stems of headline and skills> | <stems of the rest> "."""
    head = [profile.headline, *(f"{ps.skill.name} {ps.skill.name_ru}" for ps in profile.skills.all())]
    rest = [
        f"{q.specialization.name_en} {q.specialization.name_ru} {q.level.name_en} {q.level.name_ru}"
        for q in profile.qualifications.all()
    ]
    rest.append(profile.summary)
    rest += [f"{e.organization} {e.role} {e.team} {e.contribution}" for e in profile.experiences.all()]
    return f" {' '.join(words.stems(' '.join(head)))} | {' '.join(words.stems(' '.join(rest)))} "


def search(queryset: QuerySet, text: str) -> QuerySet:
    """Profiles matching every word of text (in any form, by synonym, typo or prefix), annotated
    with RANK for the "Best match" order. Costs no query beyond the page's own (the vocabulary
    is cached)."""
    text = (text or "").strip()[:200]
    units = words.read_query(text) if text else []
    if not units:
        return queryset
    if connection.vendor == "postgresql":
        query = reduce(operator.and_, (_tsquery(unit) for unit in units))
        # A plain filter: with the sort's index the planner stops after a page of hits.
        return queryset.filter(search_vector=query).annotate(**{RANK: SearchRank(F("search_vector"), query)})
    rank = Value(0)
    for unit in units:
        # search_text: stems between spaces; a term matches as whole words, the prefix as a beginning
        needles = [f" {words.stem_phrase(term)} " for term in unit.terms if words.tokens(term)]
        if unit.prefix:
            needles.append(f" {unit.prefix}")
        queryset = queryset.filter(reduce(operator.or_, (Q(search_text__contains=n) for n in needles)))
        in_head = rf"^[^|]*(?:{'|'.join(re.escape(n) for n in needles)})"  # before the "|"
        rank = rank + Case(When(search_text__regex=in_head, then=1), default=0, output_field=IntegerField())
    return queryset.annotate(**{RANK: rank})


def _tsquery(unit: words.Unit) -> SearchQuery:
    alternatives = [SearchQuery(term, config=CONFIG, search_type="phrase") for term in unit.terms]
    if unit.prefix:  # matched against the stored stems as typed: "переводч" finds переводчик
        alternatives.append(SearchQuery(f"{unit.prefix}:*", config="simple", search_type="raw"))
    return reduce(operator.or_, alternatives)
