# ruff: noqa: E501  (demo text reads better unbroken)
"""Demo profiles: every accepted demo specialist gets a rich, published resume.

Runs after the vetting loader (which accepts applicants through profile_grant) and before the
needs loader (which ranks the listed profiles). For each accepted profile without languages yet
(its experience entries from the screening are already there, copied on acceptance): the skills its skill test checked become verified (profile_grant again), a headline
and summary written for its specialization, availability, rate and time zone (profile_update),
three or four experience entries that say the task, the process, the team, the role and the own
contribution, more skills, languages, and publication (profile_publish).

Idempotent: a profile that already has languages is left as it is. About 30 profiles,
well under a second on SQLite.
"""

import random
from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Q
from django.utils.text import slugify

from accounts.demo import LOGINS
from vetting.demo_content import SPECIALIZATIONS, skill_name_ru
from vetting.models import Skill

from .models import Experience, Profile, ProfileLanguage, ProfileSkill
from .services import profile_grant, profile_publish, profile_update

# slug -> headlines, summaries, more skills, experience entries
# (organization, role, task, process, team, team size, contribution, outcome)
CONTENT = {
    "backend-development": {
        "headlines": [
            "Backend engineer: Python, PostgreSQL, payment flows",
            "Python developer for data-heavy APIs",
            "Backend developer who owns services from schema to on-call",
        ],
        "summaries": [
            "I build and run **backend services** for products that handle money and personal data. I prefer boring technology, explicit migrations and measurable latency budgets.\n\n- Python, Django, FastAPI\n- PostgreSQL tuning and safe migrations\n- Queues, idempotent jobs, observability",
            "Backend work for **fintech** and **edtech**: APIs, billing, reporting. I write the design note before the code and keep the on-call rota quiet.",
        ],
        "skills": ["Django", "Celery", "Redis", "Docker", "System design", "Performance tuning"],
        "experience": [
            (
                "Regional bank, card payments",
                "Lead backend developer",
                "Move card payments from a vendor box to our own service without downtime.",
                "Strangler pattern: shadow traffic for six weeks, daily reconciliation reports, feature flags per merchant.",
                "Payments team: 4 backend, 1 QA, 1 analyst",
                6,
                "Designed the ledger schema, wrote the reconciliation job, ran the cut-over night.",
                "Vendor contract ended on time; p95 authorization latency fell from 900 to 180 ms.",
            ),
            (
                "Online school platform",
                "Backend developer",
                "Billing for subscriptions and instalments in three currencies.",
                "Two-week sprints, design reviews, contract tests against the payment provider's sandbox.",
                "Product team",
                7,
                "Built the subscription state machine and the dunning emails; wrote the runbook.",
                "Failed renewals dropped by a third; zero double charges since launch.",
            ),
            (
                "Logistics start-up",
                "Backend developer",
                "An API for couriers' routes with live updates.",
                "Kanban, trunk-based development, load tests before each release.",
                "Developers and a product manager",
                4,
                "Owned the PostgreSQL schema and the route optimisation worker.",
                "Handled the peak season at 40 requests/s on two small servers.",
            ),
            (
                "Government open-data portal",
                "Contract developer",
                "Speed up data exports that timed out.",
                "Profiling first, then query plans; every change measured against a copy of production.",
                "Solo, with the portal's ops team",
                1,
                "Rewrote the export as streaming COPY and added indexes the plans asked for.",
                "Exports went from 4 minutes (timing out) to 12 seconds.",
            ),
        ],
    },
    "frontend-development": {
        "headlines": [
            "Frontend developer: accessible, fast interfaces",
            "Frontend engineer for design systems",
            "JavaScript developer, forms and dashboards",
        ],
        "summaries": [
            "I turn designs into **accessible** interfaces that work on a cheap phone over a bad network. I care about semantics, keyboard use and bundle size.",
            "Design systems, complex forms and dashboards. I work closely with designers and write components other developers enjoy using.",
        ],
        "skills": ["TypeScript", "React", "Vue", "HTML", "Web performance", "Testing Library"],
        "experience": [
            (
                "Retail chain, online store",
                "Senior frontend developer",
                "Rebuild checkout to meet WCAG 2.1 AA.",
                "Audit with screen-reader users, then component by component behind a flag; weekly usability sessions.",
                "Checkout squad: 3 frontend, 1 designer, 1 QA",
                5,
                "Led the audit, rewrote the form components and the error summary pattern.",
                "Checkout completion on mobile rose 9%; no accessibility complaints since.",
            ),
            (
                "SaaS analytics product",
                "Frontend developer",
                "A design system shared by three product teams.",
                "RFCs for each component, visual regression tests, monthly releases with a changelog.",
                "Platform team",
                4,
                "Built the table, filter and date components and their documentation.",
                "Teams shipped new screens in days instead of weeks.",
            ),
            (
                "News media site",
                "Frontend developer",
                "Make article pages fast on low-end Android phones.",
                "Field data first (RUM), then budgets in CI that fail the build.",
                "Web team",
                6,
                "Removed two frameworks from the article page, lazy-loaded embeds.",
                "Largest contentful paint went from 4.1 s to 1.6 s at p75.",
            ),
        ],
    },
    "mobile-development": {
        "headlines": [
            "Mobile developer: Kotlin and Swift",
            "iOS and Android engineer for consumer apps",
            "Mobile lead, release trains and crash-free apps",
        ],
        "summaries": [
            "Native apps on both platforms. I keep release trains on schedule and crash rates under 0.3%.",
            "Consumer apps with millions of installs: offline-first data, push notifications and careful releases.",
        ],
        "skills": ["Android", "iOS", "Jetpack Compose", "SwiftUI", "CI/CD", "Offline-first"],
        "experience": [
            (
                "Food delivery app",
                "Mobile team lead",
                "Cut the crash rate and move to weekly releases.",
                "Release train with staged rollouts, crash triage every morning, feature flags.",
                "5 mobile developers, 2 QA",
                7,
                "Set up the release process and rewrote the order-tracking screen.",
                "Crash-free sessions 99.7%; weekly releases for a year without a rollback.",
            ),
            (
                "Fitness start-up",
                "iOS developer",
                "Workout tracking that works without a network.",
                "Offline-first sync design reviewed with the backend team; TestFlight betas.",
                "Product team",
                6,
                "Built the sync engine and conflict resolution.",
                "Ratings rose from 3.9 to 4.6 after the release.",
            ),
            (
                "Bank, mobile banking",
                "Android developer",
                "Migrate screens to Jetpack Compose.",
                "Screen by screen behind flags, screenshot tests, accessibility checks.",
                "Android team",
                8,
                "Migrated payments and transfers, wrote the team's Compose guidelines.",
                "40% less UI code in the migrated modules.",
            ),
        ],
    },
    "ui-ux-design": {
        "headlines": [
            "Product designer: research to interaction design",
            "UX designer for B2B tools",
            "Interaction designer, complex workflows",
        ],
        "summaries": [
            "I start with **research** and end with a handoff developers can build from. I measure designs after release, not only before.",
            "B2B and internal tools: complex workflows made plain. Interviews, prototypes, usability tests, design systems.",
        ],
        "skills": [
            "Prototyping",
            "Usability testing",
            "Design systems",
            "Information architecture",
            "Workshops",
        ],
        "experience": [
            (
                "Course platform",
                "Lead product designer",
                "Redesign course authoring for teachers.",
                "12 interviews, journey maps, three rounds of prototype tests, then a design system update.",
                "2 designers, 1 researcher, 5 developers",
                8,
                "Ran the research, designed the editor, wrote the handoff specs.",
                "Time to publish a course fell from 3 days to 1.",
            ),
            (
                "Logistics company, dispatch tool",
                "UX designer",
                "Reduce dispatchers' errors in a legacy tool.",
                "Contextual inquiry in the dispatch room, task analysis, A/B test of two layouts.",
                "Product trio plus 4 developers",
                7,
                "Observed 20 shifts, designed the new board view.",
                "Misrouted orders down 30%.",
            ),
            (
                "Fintech app",
                "Interaction designer",
                "Onboarding that passes KYC without drop-offs.",
                "Funnel analysis, five-second tests, iterative releases every two weeks.",
                "Growth squad",
                6,
                "Designed the document capture flow and its error states.",
                "Onboarding completion rose from 54% to 71%.",
            ),
        ],
    },
    "copywriting": {
        "headlines": [
            "Copywriter for product and SaaS",
            "Копирайтер: тексты для продуктов и рассылок",
            "UX writer and copywriter",
        ],
        "summaries": [
            "Copy that explains a product plainly and sells it honestly. Landing pages, onboarding, emails, microcopy.",
            "Пишу тексты для продуктов: лендинги, рассылки, интерфейсы. Работаю с исследованиями и метриками, а не с вдохновением.",
        ],
        "skills": ["UX writing", "Email marketing", "Content strategy", "Tone of voice"],
        "experience": [
            (
                "SaaS for accountants",
                "Lead copywriter",
                "Rewrite the website and onboarding emails.",
                "Customer interviews, message house, A/B tests of headlines.",
                "Marketing team",
                5,
                "Wrote the message house, the landing pages and 12 onboarding emails.",
                "Trial-to-paid conversion up from 8% to 11%.",
            ),
            (
                "Онлайн-школа",
                "Копирайтер",
                "Тексты для запуска трёх новых курсов.",
                "Интервью с авторами курсов, карта смыслов, тесты заголовков в рекламе.",
                "Команда запуска",
                4,
                "Написала лендинги, цепочки писем и скрипты вебинаров.",
                "Продажи курсов на 20% выше плана.",
            ),
            (
                "E-commerce marketplace",
                "UX writer",
                "Consistent microcopy across 200 screens.",
                "Content audit, style guide, review process with designers.",
                "Design team",
                10,
                "Wrote the voice and tone guide and the error message patterns.",
                "Support tickets about confusing messages halved.",
            ),
        ],
    },
    "editing": {
        "headlines": [
            "Editor: long reads, reports, fact-checking",
            "Редактор деловых и научно-популярных текстов",
            "Managing editor for expert blogs",
        ],
        "summaries": [
            "I edit for clarity and accuracy: structure first, then sentences, then facts. Long reads, annual reports, expert blogs.",
            "Редактирую деловые и научно-популярные тексты: структура, ясность, проверка фактов. Веду редполитику блогов.",
        ],
        "skills": ["Proofreading", "Style guides", "Long-form editing", "Research"],
        "experience": [
            (
                "Consulting firm, annual report",
                "Lead editor",
                "Edit a 120-page annual report written by 15 experts.",
                "Structure review, two editing passes, fact-check against sources, legal review.",
                "3 editors, 2 designers",
                5,
                "Built the structure, edited the main chapters, ran the fact-check.",
                "Delivered on time; zero corrections after print.",
            ),
            (
                "Научно-популярное медиа",
                "Редактор",
                "Выпуск двух лонгридов в неделю.",
                "Редплан, работа с авторами по черновикам, научная проверка.",
                "Редакция",
                6,
                "Вела авторов, редактировала и проверяла факты.",
                "Дочитываемость выросла на 25%.",
            ),
            (
                "IT company blog",
                "Managing editor",
                "Turn engineers' notes into readable articles.",
                "Interviews with engineers, outlines, editing in two passes.",
                "Content team",
                3,
                "Set up the editorial process and edited 80 articles.",
                "Blog traffic tripled in a year.",
            ),
        ],
    },
    "translation": {
        "headlines": [
            "English–Russian translator: IT and legal",
            "Переводчик технической документации",
            "Localisation specialist for software",
        ],
        "summaries": [
            "Technical and legal translation between English and Russian, with terminology bases and QA checks.",
            "Перевожу документацию, интерфейсы и договоры. Веду глоссарии и проверяю терминологию.",
        ],
        "skills": ["Localisation", "CAT tools", "Legal translation", "Technical writing"],
        "experience": [
            (
                "Software vendor, product localisation",
                "Lead translator",
                "Localise a product and its documentation into Russian.",
                "Glossary first, translation memory, linguistic QA and in-context review.",
                "3 translators, 1 reviewer",
                4,
                "Built the glossary, translated the UI and reviewed the docs.",
                "Release shipped with the English version; no terminology bugs reported.",
            ),
            (
                "Law firm",
                "Legal translator",
                "Translate contracts for cross-border deals.",
                "Two-pass translation, lawyer review, deadline-driven.",
                "Solo with the firm's lawyers",
                1,
                "Translated and reviewed 300 pages of contracts.",
                "All deals closed on schedule.",
            ),
            (
                "Medical device maker",
                "Technical translator",
                "Translate user manuals for certification.",
                "Terminology approval by engineers, QA in a CAT tool.",
                "2 translators",
                2,
                "Translated the manuals and managed terminology approval.",
                "Passed certification without remarks.",
            ),
        ],
    },
    "illustration": {
        "headlines": [
            "Illustrator: editorial and product illustration",
            "Иллюстратор для брендов и издательств",
            "Illustrator for children's books and apps",
        ],
        "summaries": [
            "Editorial and product illustration: sketches first, agreed composition, then the final with sources handed over.",
            "Рисую для брендов, издательств и приложений. Согласую эскизы, сдаю исходники и гайд по стилю.",
        ],
        "skills": ["Vector illustration", "Character design", "Procreate", "Brand illustration"],
        "experience": [
            (
                "Publishing house",
                "Illustrator",
                "Illustrate a children's book of 32 spreads.",
                "Character sheets, storyboard, sketches approved spread by spread.",
                "Editor, art director and author",
                3,
                "Designed the characters and drew all spreads.",
                "The book sold out its first print run.",
            ),
            (
                "Fintech app",
                "Product illustrator",
                "An illustration system for the app's empty states and onboarding.",
                "Style exploration, guide with rules, library in Figma.",
                "Design team",
                5,
                "Created the style and 40 illustrations with a usage guide.",
                "Used across the app and marketing for two years.",
            ),
            (
                "City magazine",
                "Editorial illustrator",
                "Monthly covers and article illustrations.",
                "Brief with the editor, three sketches, one final in 48 hours.",
                "Art director and editors",
                4,
                "Drew 24 covers and 60 article illustrations.",
                "Two covers won a regional design award.",
            ),
        ],
    },
}
LANGUAGE_SETS = [
    [("ru", 4), ("en", 3)],
    [("ru", 4), ("en", 2)],
    [("ru", 4), ("en", 3), ("de", 2)],
    [("uk", 4), ("ru", 4), ("en", 3)],
    [("en", 4), ("ru", 2)],
    [("kk", 4), ("ru", 4), ("en", 2)],
]
RATE_BY_LEVEL = {"junior": 1200, "middle": 2200, "senior": 3500, "lead": 5000}
TECHNICAL = {slug for slug, _en, _ru, technical, *_ in SPECIALIZATIONS if technical}
TESTED_SKILLS = {slug: skills for slug, *_, skills in SPECIALIZATIONS}


# Only the demo's own people: never someone who signed up on a site where the demo was loaded.
DEMO_USERS = Q(user__email__endswith="@demo.topfreelancer.example") | Q(
    user__email__in=[email for email, *_ in LOGINS]
)


YEARS_BY_LEVEL = {"junior": (1, 3), "middle": (3, 6), "senior": (5, 10), "lead": (8, 15)}


def _russian(text: str) -> bool:
    return any("а" <= char.lower() <= "я" or char in "ёЁ" for char in text)


def _years(profile: Profile, rng: random.Random) -> int:
    """Years of experience that fit the level (the application's figure when it does)."""
    low, high = YEARS_BY_LEVEL.get(profile.level.code if profile.level else "", (2, 8))
    if low <= profile.years_experience <= high:
        return profile.years_experience
    return rng.randint(low, high)


def _skill(name: str) -> Skill:
    return Skill.objects.get_or_create(
        slug=slugify(name) or name.lower(), defaults={"name": name, "name_ru": skill_name_ru(name)}
    )[0]


def _experiences(profile: Profile, entries: list, rng: random.Random) -> list[Experience]:
    today = date.today()
    end = None
    rows = []
    for position, (org, role, task, process, team, size, contribution, outcome) in enumerate(entries):
        months = rng.randint(10, 30)
        finish = end or today
        start = finish - timedelta(days=30 * months)
        rows.append(
            Experience(
                profile=profile,
                organization=org,
                role=role,
                started_on=start,
                ended_on=end,
                task=task,
                process=process,
                team=team,
                team_size=size,
                contribution=contribution,
                outcome=outcome,
                position=position,
            )
        )
        end = start - timedelta(days=rng.randint(15, 90))
    return rows


def _fill(profile: Profile) -> None:
    slug = profile.specialization.slug
    content = CONTENT.get(slug, CONTENT["backend-development"])
    rng = random.Random(profile.pk)
    tested = [_skill(name) for name in TESTED_SKILLS.get(slug, [])]
    if tested:  # the skill test checked these: the vetting's grant marks them verified
        profile_grant(
            user=profile.user,
            specialization=profile.specialization,
            level=profile.level,
            verified_skills=rng.sample(tested, rng.randint(1, len(tested))),
        )
    # Some specialists write their profile in Russian: headline, summary and entries first in it.
    russian = rng.random() < 0.4 and any(_russian(h) for h in content["headlines"])

    def same_language(items, text=lambda item: item):
        return [item for item in items if _russian(text(item)) == russian] or items

    others = [e for e in content["experience"] if _russian(e[0]) != russian]
    entries = rng.sample(same_language(content["experience"], lambda e: e[0]), k=1)
    rest = [e for e in content["experience"] if e not in entries]
    rest.sort(key=lambda e: (e in others, rng.random()))
    entries += rest[: rng.randint(2, 3)]
    Experience.objects.bulk_create(_experiences(profile, entries, rng))
    extra = [_skill(name) for name in rng.sample(content["skills"], min(4, len(content["skills"])))]
    ProfileSkill.objects.bulk_create(
        [ProfileSkill(profile=profile, skill=skill) for skill in tested + extra], ignore_conflicts=True
    )
    ProfileLanguage.objects.bulk_create(
        [
            ProfileLanguage(profile=profile, language=code, proficiency=level)
            for code, level in rng.choice(LANGUAGE_SETS)
        ],
        ignore_conflicts=True,
    )
    base = RATE_BY_LEVEL.get(profile.level.code if profile.level else "", 2000)
    if slug not in TECHNICAL:
        base = int(base * 0.7)
    rate_min = base + rng.choice([0, 250, 500])
    usd = rng.random() < 0.15
    fields = {
        "hours_per_week": rng.choice([10, 20, 20, 30, 40]),
        "available_from": date.today() + timedelta(days=rng.choice([0, 0, 7, 14, 30])),
        "rate_min": rate_min // 80 if usd else rate_min,
        "rate_max": (rate_min + 1500) // 80 if usd else rate_min + 1500,
        "currency": "USD" if usd else "RUB",
        "utc_offset": rng.choice([2, 3, 3, 3, 4, 5, 7]),
        "open_to_ongoing": rng.random() < 0.85,
        "years_experience": _years(profile, rng),
    }
    generic = not profile.headline.strip() or profile.headline.endswith(" specialist")
    if generic:
        junior = profile.level and profile.level.code in ("junior", "middle")
        fitting = [h for h in content["headlines"] if not (junior and "lead" in h.lower())]
        fields["headline"] = rng.choice(same_language(fitting))
    if generic or not profile.summary.strip():
        fields["summary"] = rng.choice(same_language(content["summaries"]))
    profile_update(profile=profile, fields=fields)
    profile_publish(profile_id=profile.pk)


def load(*, stdout) -> None:
    filled = ProfileLanguage.objects.filter(profile=OuterRef("pk"))
    todo = list(
        Profile.objects.filter(accepted_at__isnull=False, level__isnull=False)
        .filter(DEMO_USERS)
        .exclude(Exists(filled))
        .select_related("user", "specialization", "level")
        .order_by("pk")
    )
    for profile in todo:
        _fill(profile)
    listed = Profile.objects.listed().count()
    stdout.write(f"profiles: {len(todo)} demo profiles filled in and published ({listed} listed)")
