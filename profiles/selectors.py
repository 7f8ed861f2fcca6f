"""Reads of profiles, with their joins and prefetches decided here (the page's query count)."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from .filters import SORTS
from .models import Profile, ProfileLanguage, ProfileSkill

PAGE_SIZE = 20
COUNT_CAP = 100  # "100+": an exact COUNT over a broad filter costs more than the page itself;
# with a small cap the count stops after 101 hits instead of reading every match (bench/README.md)


@dataclass
class CataloguePage:
    profiles: list
    number: int
    has_next: bool
    count: int  # capped at COUNT_CAP + 1
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


def with_card_data(queryset: QuerySet) -> QuerySet:
    """What a card shows, in a constant number of queries: one join, one prefetch of skills."""
    return (
        queryset.defer("search_vector")
        .select_related("specialization", "level")
        .prefetch_related(
            Prefetch(
                "skills",
                queryset=ProfileSkill.objects.select_related("skill").order_by("-verified", "skill__name"),
            )
        )
    )


def catalogue_page(queryset: QuerySet, *, sort: str, page: int, page_size: int = PAGE_SIZE) -> CataloguePage:
    """One page of listed profiles: a capped count, then page_size + 1 rows (is there a next page?)."""
    page = max(1, min(page, 10_000))
    queryset = queryset.order_by(*SORTS[sort])
    count = queryset.order_by()[: COUNT_CAP + 1].count()
    offset = (page - 1) * page_size
    rows = list(with_card_data(queryset)[offset : offset + page_size + 1])
    return CataloguePage(
        profiles=rows[:page_size],
        number=page,
        has_next=len(rows) > page_size,
        count=count,
        capped=count > COUNT_CAP,
    )


def profile_for_page(*, pk: int, viewer) -> Profile | None:
    """The profile page: listed profiles for everyone, the owner's own in any state."""
    queryset = Profile.objects.listed()
    if viewer.is_authenticated:
        queryset = queryset | Profile.objects.filter(user=viewer)
    return (
        queryset.defer("search_vector")
        .select_related("specialization", "level", "user")
        .prefetch_related(
            Prefetch(
                "skills",
                queryset=ProfileSkill.objects.select_related("skill").order_by("-verified", "skill__name"),
            ),
            Prefetch("languages", queryset=ProfileLanguage.objects.order_by("-proficiency", "language")),
            "experiences",
            "education",
        )
        .filter(pk=pk)
        .first()
    )
