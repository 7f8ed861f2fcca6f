from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.names import names_revealed
from topfreelancer.ids import parse_id
from topfreelancer.state import refusal_to_form, refusal_to_messages

from . import hooks, rendered, services
from .filters import CatalogueFilter, sort_key
from .forms import ExperienceFormSet, ProfileForm, edit_formsets
from .models import Profile
from .selectors import (
    LISTING_TIMEOUT,
    catalogue_listing,
    page_from_listing,
    profile_for_page,
    profile_page_stamp,
    with_card_extras,
    with_evidence,
)


def _page_number(request) -> int:
    try:
        return int(request.GET.get("page", 1))
    except (TypeError, ValueError):
        return 1


@require_GET
def catalogue(request: HttpRequest) -> HttpResponse:
    """The public catalogue: listed profiles, filtered, searched, sorted, one page at a time.

    A valid request's listing (which profiles, in which order, and the count) is cached for
    LISTING_TIMEOUT under its query string until a profile changes, so the other visitors of a
    filter read 20 rows by primary key; the cards and the filter form come from their own caches
    (profiles.rendered)."""
    stamp = rendered.context_stamp()  # what every key of this request shares, read once
    key = rendered.listing_key(request.GET, stamp=stamp)
    listing = cache.get(key)
    if listing is not None:
        # The form is built only if its rendering has left the cache.
        filterset = SimpleLazyObject(lambda: _catalogue_filter(request))
        valid = True
    else:
        filterset = _catalogue_filter(request)
        valid = filterset.is_bound and filterset.is_valid()
        if valid:
            queryset, related = filterset.split(filterset.queryset)
        else:
            queryset, related = Profile.objects.listed(), []
        listing = catalogue_listing(
            queryset,
            related=related,
            sort=sort_key(filterset.form.cleaned_data if filterset.is_bound else {}),
            page=_page_number(request),
        )
        if listing["number"] > 1 and not listing["rows"]:
            raise Http404(_("There is no such page of specialists."))  # past the last page: not an empty one
        listing["ignored_skills"] = filterset.ignored_skills
        if valid or not filterset.is_bound:  # a request with errors is never stored
            cache.set(key, listing, LISTING_TIMEOUT)
    page = page_from_listing(listing)
    rendered.attach_cards(with_card_extras(page.profiles, viewer=request.user), stamp=stamp)
    query = request.GET.copy()
    query.pop("page", None)
    template = "profiles/catalogue.html"
    if request.htmx and request.htmx.target == "results":
        template += "#results"
    # The filter form rendered once per filter and language; a form with errors is never stored.
    filters_key = rendered.filters_key(request.GET, stamp=stamp) if valid or not request.GET else ""
    context = {
        "filter": filterset,
        "page": page,
        "ignored_skills": listing["ignored_skills"],
        "query": query.urlencode(),
        "filters_key": filters_key,
    }
    return render(request, template, context)


def _catalogue_filter(request: HttpRequest) -> CatalogueFilter:
    return CatalogueFilter(request.GET or None, queryset=Profile.objects.listed())


# Where the body (cached for every viewer of a kind) takes this viewer's panels.
PANELS = "<!-- profile panels -->"


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A profile's public page. Its body is cached per profile version, language and whether the
    viewer sees the full name (profiles.rendered); the owner's own view is always rendered. What
    higher apps add for this viewer (profiles.hooks: the shortlist it was opened from, inviting,
    posting a need) is never cached: it is drawn around and into the body on every request."""
    stamp = profile_page_stamp(pk=pk) if parse_id(pk) else None
    if stamp is None or stamp["user_id"] == request.user.pk:
        profile, page = _detail_page(request, pk)
    else:
        revealed = bool(names_revealed(viewer=request.user, user_ids=[stamp["user_id"]]))
        key = rendered.page_key(stamp, name_revealed=revealed)
        page = cache.get(key)
        if page is None:
            profile, page = _detail_page(request, pk, name_revealed=revealed)
            cache.set(key, page, rendered.RENDER_TIMEOUT)
        else:
            # Read only if a hook asks (a customer's invite panel): a visitor's hit stays one query.
            profile = SimpleLazyObject(lambda: Profile.objects.select_related("user").get(pk=stamp["pk"]))
    panels = "".join(hooks.panels(request, profile))
    context = {
        "title": page["title"],
        "body": mark_safe(page["body"].replace(PANELS, panels)),  # both our own renderings
        "back": hooks.back_link(request, profile),
    }
    return render(request, "profiles/detail.html", context)


def _detail_page(request: HttpRequest, pk: int, *, name_revealed: bool | None = None) -> tuple[Profile, dict]:
    """The profile and its page's title and body, rendered (the owner's own profile in any state,
    else listed)."""
    profile = profile_for_page(pk=pk, viewer=request.user) if parse_id(pk) else None
    if profile is None:
        raise Http404
    if name_revealed is None:
        name_revealed = bool(names_revealed(viewer=request.user, user_ids=[profile.user_id]))
    context = {
        "profile": profile,
        "qualifications": with_evidence(profile),
        "is_owner": profile.user_id == request.user.pk,
        "name_revealed": name_revealed,
        "panels_mark": PANELS,
    }
    body = render_to_string("profiles/_detail_body.html", context, request)
    return profile, {"title": profile.headline or str(profile.specialization.name), "body": str(body)}


def _own_profile(request) -> Profile:
    profile = (
        Profile.objects.filter(user=request.user, accepted_at__isnull=False)
        .select_related("specialization", "level")
        .first()
    )
    if profile is None:
        if request.user.is_applicant:
            raise PermissionDenied(_("Your profile opens here once the vetting accepts your application."))
        raise PermissionDenied(_("This page is for specialists."))
    return profile


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """The specialist's home: the profile's state, what is missing, publish or hide."""
    profile = _own_profile(request)
    return render(
        request,
        "profiles/mine.html",
        {"profile": profile, "problems": services.publication_problems(profile)},
    )


@login_required
def edit(request: HttpRequest) -> HttpResponse:
    profile = _own_profile(request)
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=profile)
        formsets = edit_formsets(request.POST, profile=profile)
        if form.is_valid() and all(f.is_valid() for f in formsets.values()):
            try:
                services.profile_update(
                    profile=profile,
                    fields=form.cleaned_data,
                    children=formsets.values(),
                    form_token=form.cleaned_data["form_token"],
                    actor=request.user,
                )
            except ValidationError as error:
                refusal_to_form(form, error)
            else:
                messages.success(request, _("Profile saved."))
                if "add_experience" in request.POST:
                    return redirect(f"{request.path}?add=experience#experience")
                return redirect("profiles:mine")
    else:
        form = ProfileForm(instance=profile)
        formsets = edit_formsets(profile=profile)
        if request.GET.get("add") == "experience":
            formsets["experiences"] = ExperienceFormSet(instance=profile, prefix="experiences")
            formsets["experiences"].extra = 1
    return render(request, "profiles/edit.html", {"profile": profile, "form": form, **formsets})


@login_required
@require_GET
def experience_form(request: HttpRequest) -> HttpResponse:
    """htmx: one more empty experience entry, numbered after the ones on the page."""
    profile = _own_profile(request)
    try:
        index = max(0, min(int(request.GET.get("experiences-TOTAL_FORMS", 0)), 29))
    except ValueError:
        index = 0
    formset = ExperienceFormSet(instance=profile, prefix="experiences")
    return render(
        request,
        "profiles/_experience_added.html",
        {
            "form": formset._construct_form(index, empty_permitted=True, use_required_attribute=False),
            "total": index + 1,
        },
    )


@login_required
@require_POST
def publish(request: HttpRequest) -> HttpResponse:
    profile = _own_profile(request)
    action = request.POST.get("action")
    try:
        if action == "publish":
            services.profile_publish(profile_id=profile.pk, actor=request.user)
            messages.success(request, _("Your profile is listed in the catalogue."))
        elif action == "hide":
            services.profile_hide(profile_id=profile.pk, actor=request.user)
            messages.success(request, _("Your profile is hidden from the catalogue."))
    except ValidationError as error:
        refusal_to_messages(request, error)
    return redirect("profiles:mine")
