"""Reads of profiles, with their joins and prefetches decided here (the page's query count)."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection
from django.db.models import IntegerField, Prefetch, QuerySet, Subquery, prefetch_related_objects

from accounts.names import names_revealed
from vetting.selectors import application_evidence, verified_stages

from .filters import HELD, order_by
from .models import Profile, ProfileLanguage, ProfileSkill, Qualification
from .search import RANK

PAGE_SIZE = 20
COUNT_CAP = 100  # "100+": counting every match of a broad filter costs more than the page itself;
# the walk that finds the page reads 101 matches' keys and stops (catalogue_listing)
LISTING_TIMEOUT = 60  # seconds a request's listing is reused (profiles.views.catalogue)
RANK_WINDOW = 100  # "Best match" ranks this many matches, the most qualified first (as many as the
# count shows, "100+"): ranking all 30,000 matches of a common word read the whole table, 190 ms of
# SQL at 100k, where walking the level index stops after 100 (bench/README.md)


@dataclass
class CataloguePage:
    profiles: list
    number: int
    has_next: bool
    count: int  # capped at COUNT_CAP + 1 unless exact
    capped: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1


def _card_skills() -> Prefetch:
    return Prefetch(
        "skills", queryset=ProfileSkill.objects.select_related("skill").order_by("-verified", "skill__name")
    )


def with_card_data(queryset: QuerySet, *, skills: bool = True) -> QuerySet:
    """What a card shows, in a constant number of queries: one join, a prefetch of qualifications
    (the primary first) and one of skills. skills=False leaves the skills to with_card_skills, for
    the cards not in the cache (profiles.rendered.attach_cards)."""
    queryset = (
        queryset.defer("search_vector", "search_text")
        .select_related("specialization", "level", "user")
        .prefetch_related(
            Prefetch(
                "qualifications", queryset=Qualification.objects.select_related("specialization", "level")
            )
        )
    )
    return queryset.prefetch_related(_card_skills()) if skills else queryset


def with_card_skills(profiles: list[Profile]) -> list[Profile]:
    """The skills of these cards, in one query."""
    prefetch_related_objects(profiles, _card_skills())
    return profiles


def catalogue_listing(
    queryset: QuerySet,
    *,
    related: Sequence = (),
    sort: str,
    page: int,
    page_size: int = PAGE_SIZE,
) -> dict:
    """What one page of listed profiles lists: the pks in order (with the qualification each was
    listed under, HELD), whether there is a next page and a count capped at COUNT_CAP. related:
    conditions on child tables (CatalogueFilter.split), probed along the walk (_first). Plain
    values, cached as they are by profiles.views.catalogue; page_from_listing reads the rows.

    The walk is the count: it reads the keys of at least COUNT_CAP + 1 matches in the page's order
    (an index walk that stops there), so fewer means the exact count and as many means "more than
    COUNT_CAP". No count query: with filters combined, a count cannot stop early without an order
    and cost more than the page (bench/README.md). "Best match" reads the RANK_WINDOW + 1 most
    qualified matches with their rank and ranks them here (RANK_WINDOW == COUNT_CAP).
    """
    page = max(1, min(page, 10_000))
    if sort == "relevance" and RANK not in queryset.query.annotations:
        sort = "level"  # nothing searched: the best match is the most qualified
    offset = (page - 1) * page_size
    held = [HELD] if HELD in queryset.query.annotations else []
    if sort == "relevance":
        names = _descending(order_by(queryset, "relevance"))
        limit = RANK_WINDOW + 1
        walked = _first(queryset.order_by(*order_by(queryset, "level")), related, limit, [*names, *held])

        def position(row):  # the order's columns, then the primary key, as the SQL order would
            return (*_nulls_first(row[1 : len(names) + 1]), row[0])

        ordered = sorted(walked[:RANK_WINDOW], key=position, reverse=True)
    else:
        limit = max(offset + page_size + 1, COUNT_CAP + 1)
        ordered = walked = _first(queryset.order_by(*order_by(queryset, sort)), related, limit, held)
    rows = [(row[0], row[-1] if held else None) for row in ordered[offset : offset + page_size + 1]]
    capped = len(walked) >= limit and len(walked) > COUNT_CAP
    return {
        "rows": rows[:page_size],
        "number": page,
        "has_next": len(rows) > page_size,
        "count": COUNT_CAP + 1 if capped else len(walked),
        "capped": capped,
    }


def page_from_listing(listing: dict) -> CataloguePage:
    """The page a listing names (catalogue_listing), its rows read by primary key and still listed:
    from a cached listing, a profile hidden since is left out at once."""
    held = dict(listing["rows"])
    by_pk = {
        profile.pk: profile
        for profile in with_card_data(Profile.objects.listed().filter(pk__in=held), skills=False)
    }
    profiles = []
    for pk, qualification_id in listing["rows"]:
        if pk in by_pk:
            setattr(by_pk[pk], HELD, qualification_id)
            profiles.append(by_pk[pk])
    return CataloguePage(
        profiles=profiles,
        number=listing["number"],
        has_next=listing["has_next"],
        count=listing["count"],
        capped=listing["capped"],
    )


def _descending(ordering) -> list[str]:
    """The names an all-descending order reads before its last column, the primary key
    (SORTS["relevance"])."""
    names = []
    for column in ordering:
        if isinstance(column, str):
            assert column.startswith("-"), column
            names.append(column[1:])
        else:
            assert column.descending, column
            names.append(column.expression.name)
    assert names[-1] == "id", ordering
    return names[:-1]


def _nulls_first(values: Sequence) -> tuple:
    """A key for values sorted descending as PostgreSQL orders them: NULL above every value."""
    return tuple((1, 0) if value is None else (0, value) for value in values)


def _first(base: QuerySet, related: Sequence, limit: int, columns: Sequence = ()) -> list[tuple]:
    """The first `limit` profiles of base, in its order, that meet related too (the window "Best
    match" ranks): for each, its pk and `columns` (names of base's fields and annotations).

    The planner multiplies the selectivities of the profile's own conditions and of the EXISTS on
    its child tables as if independent; a skill filter (figma within UI/UX design: all of them)
    made it expect 177 matches where there were 8,000 and read them all through a bitmap scan
    instead of stopping after `limit` (bench/README.md). So on PostgreSQL base is planned alone, in
    a subquery it cannot flatten (OFFSET 0), and each child-table condition is a column the outer
    query filters on: it walks an index when the profile's own matches are many and still reads them
    through the search index when they are few (a rare word). Each such column is a scalar subquery
    (`SELECT 1 ... LIMIT 1`), probed by index for each row the walk reads: as an EXISTS the planner
    hashed the whole child table's matching rows first (12,000 skill rows for figma, 18 ms) to
    filter the ~110 rows the walk reads (0.5 ms by probes). Left: a rare skill in a large
    specialization makes the walk read its profiles until `limit` have it.
    """
    if not related or connection.vendor != "postgresql":
        return list(base.filter(*related).values_list("pk", *columns)[:limit])
    probes = {
        f"related_{i}": Subquery(condition.query, output_field=IntegerField())
        for i, condition in enumerate(related)
    }
    sql, params = base.annotate(**probes).values("pk", *columns, *probes).query.sql_with_params()
    where = " AND ".join(f"w.{name} IS NOT NULL" for name in probes)
    selected = ", ".join(f"w.{connection.ops.quote_name(name)}" for name in ["pk", *columns])
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {selected} FROM ({sql} OFFSET 0) w WHERE {where} LIMIT %s", (*params, limit))
        return [tuple(row) for row in cursor.fetchall()]


def profile_for_page(*, pk: int, viewer) -> Profile | None:
    """The profile page: listed profiles for everyone, the owner's own in any state."""
    queryset = Profile.objects.listed()
    if viewer.is_authenticated:
        queryset = queryset | Profile.objects.filter(user=viewer)
    return (
        queryset.defer("search_vector", "search_text")
        .select_related("specialization", "level", "user", "track_record")
        .prefetch_related(
            Prefetch(
                "skills",
                queryset=ProfileSkill.objects.select_related("skill").order_by("-verified", "skill__name"),
            ),
            Prefetch("languages", queryset=ProfileLanguage.objects.order_by("-proficiency", "language")),
            Prefetch(
                "qualifications", queryset=Qualification.objects.select_related("specialization", "level")
            ),
            "experiences",
            "education",
        )
        .filter(pk=pk)
        .first()
    )


def with_evidence(profile: Profile) -> list[Qualification]:
    """The profile's qualifications, the primary first, each with `evidence`: the stages its
    accepted application passed (vetting.selectors.application_evidence; empty when the grant had
    no application). Four queries for all of them."""
    qualifications = list(profile.qualifications.all())
    ids = [q.application_id for q in qualifications if q.application_id]
    evidence = application_evidence(application_ids=ids) if ids else {}
    for qualification in qualifications:
        qualification.evidence = evidence.get(qualification.application_id, [])
    return qualifications


def profile_page_stamp(*, pk: int) -> dict | None:
    """What a listed profile's public page shows changes only with these (profiles.rendered): one
    indexed row, read before deciding whether the page must be rendered. None: not listed."""
    return (
        Profile.objects.listed()
        .filter(pk=pk)
        .values(
            "pk",
            "user_id",
            "updated_at",
            "accepted_at",
            "rate_min_base_cents",
            "user__full_name",
            "track_record__updated_at",
        )
        .first()
    )


def featured_profiles(*, count: int = 3, pool: int = 30) -> list[Profile]:
    """The landing page's specialists: the highest levels, one per specialization where possible.

    Reads `pool` (id, specialization) pairs along the listed-by-level index, picks `count` of them
    spreading specializations, then loads those cards: three queries whatever the catalogue's size.
    """
    candidates = list(
        Profile.objects.listed().order_by("-level_rank", "-id").values_list("pk", "specialization_id")[:pool]
    )
    chosen, seen = [], set()
    for pk, specialization_id in candidates:
        if specialization_id not in seen:
            chosen.append(pk)
            seen.add(specialization_id)
    chosen += [pk for pk, _ in candidates if pk not in chosen][: max(0, count - len(chosen))]
    chosen = chosen[:count]
    by_pk = {
        profile.pk: profile for profile in with_card_data(Profile.objects.filter(pk__in=chosen), skills=False)
    }
    return [by_pk[pk] for pk in chosen if pk in by_pk]


def with_card_extras(profiles: list[Profile], *, viewer) -> list[Profile]:
    """What a card shows beyond its row: the stages the vetting verified (`verified`), whether
    the viewer sees the full name (`name_revealed`, the naming rule) and the qualifications in the
    order the card shows them (`shown_qualifications`: the one a specialization filter listed the
    profile under first, HELD). Two queries per page at most."""
    user_ids = [profile.user_id for profile in profiles]
    verified = verified_stages(user_ids=user_ids) if user_ids else {}
    revealed = names_revealed(viewer=viewer, user_ids=user_ids)
    for profile in profiles:
        profile.verified = verified.get(profile.user_id, [])
        profile.name_revealed = profile.user_id in revealed
        held = getattr(profile, HELD, None)
        if held is not None:
            qualifications = profile.qualifications.all()
            profile.shown_qualifications = sorted(qualifications, key=lambda q: q.pk != held)
    return profiles
