"""Full-text search over headline, skills, summary and experience (organization, role, team and
the person's own contribution: the task/process/outcome texts are left out so a vector stays small
enough to be stored inline rather than TOASTed, which made every @@ check ~25 us at 10k rows).

PostgreSQL: a stored tsvector (Profile.search_vector, GIN-indexed) rebuilt in SQL by `reindex`
whenever the services change what it covers; a query is one index lookup. SQLite (the quick
start): the same fields matched with LIKE, word by word, so searching still works.
"""

from collections.abc import Iterable

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet

from .models import Experience, ProfileSkill

CONFIG = "simple"  # profiles are written in English and Russian: no language-specific stemming

_REINDEX_SQL = f"""
UPDATE profiles_profile AS p SET search_vector =
    setweight(to_tsvector('{CONFIG}', coalesce(p.headline, '')), 'A')
 || setweight(to_tsvector('{CONFIG}', coalesce((
        SELECT string_agg(s.name, ' ') FROM profiles_profileskill ps
        JOIN profiles_skill s ON s.id = ps.skill_id WHERE ps.profile_id = p.id), '')), 'A')
 || setweight(to_tsvector('{CONFIG}', coalesce(p.summary, '')), 'B')
 || setweight(to_tsvector('{CONFIG}', coalesce((
        SELECT string_agg(concat_ws(' ', e.organization, e.role, e.team, e.contribution), ' ')
        FROM profiles_experience e WHERE e.profile_id = p.id), '')), 'C')
"""


def reindex(profile_ids: Iterable[int] | None = None) -> None:
    """Rebuild the stored search vector of these profiles (all when None). No-op on SQLite."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        if profile_ids is None:
            cursor.execute(_REINDEX_SQL)
        else:
            ids = list(profile_ids)
            if ids:
                cursor.execute(_REINDEX_SQL + " WHERE p.id = ANY(%s)", [ids])


def search(queryset: QuerySet, text: str) -> QuerySet:
    text = (text or "").strip()[:200]
    if not text:
        return queryset
    if connection.vendor == "postgresql":
        # A plain filter: with the sort's index the planner stops after a page of hits.
        return queryset.filter(search_vector=SearchQuery(text, config=CONFIG, search_type="websearch"))
    for word in text.split()[:8]:
        skills = ProfileSkill.objects.filter(profile=OuterRef("pk"), skill__name__icontains=word)
        experience = Experience.objects.filter(profile=OuterRef("pk")).filter(
            Q(organization__icontains=word)
            | Q(role__icontains=word)
            | Q(team__icontains=word)
            | Q(contribution__icontains=word)
        )
        queryset = queryset.filter(
            Q(headline__icontains=word) | Q(summary__icontains=word) | Exists(skills) | Exists(experience)
        )
    return queryset
