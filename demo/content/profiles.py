# ruff: noqa: E501  (content reads better unbroken)
"""What the demo's specialists write about themselves, in English and in Russian, per specialization.

Tables of parts (roles, focus, openings, domains, working styles, experience entries) and the
generators that combine them with a seeded random generator: `headline`, `summary`, `experiences`.
A specialist writes in their own language (the user's), so the catalogue mixes both. The bench
loader draws from the same generators.
"""

import random

from .funnel import SPECIALIZATIONS

ROLES = {
    "backend-development": {
        "en": ["Backend engineer", "Python developer", "Backend developer", "Server-side engineer"],
        "ru": ["Бэкенд-разработчик", "Python-разработчик", "Инженер серверной разработки"],
    },
    "frontend-development": {
        "en": ["Frontend developer", "Frontend engineer", "JavaScript developer"],
        "ru": ["Фронтенд-разработчик", "Разработчик интерфейсов", "JavaScript-разработчик"],
    },
    "mobile-development": {
        "en": ["Mobile developer", "iOS and Android engineer", "Android developer", "iOS developer"],
        "ru": ["Мобильный разработчик", "Android-разработчик", "iOS-разработчик"],
    },
    "ui-ux-design": {
        "en": ["Product designer", "UX designer", "Interaction designer"],
        "ru": ["Продуктовый дизайнер", "UX-дизайнер", "Дизайнер интерфейсов"],
    },
    "copywriting": {
        "en": ["Copywriter", "UX writer", "Content writer"],
        "ru": ["Копирайтер", "UX-редактор", "Автор текстов"],
    },
    "editing": {
        "en": ["Editor", "Managing editor", "Copy editor"],
        "ru": ["Редактор", "Выпускающий редактор", "Литературный редактор"],
    },
    "translation": {
        "en": ["English–Russian translator", "Localisation specialist", "Technical translator"],
        "ru": ["Переводчик", "Специалист по локализации", "Технический переводчик"],
    },
    "illustration": {
        "en": ["Illustrator", "Editorial illustrator", "Product illustrator"],
        "ru": ["Иллюстратор", "Книжный иллюстратор", "Иллюстратор для брендов"],
    },
}
FOCUS = {
    "backend-development": {
        "en": [
            "payments and billing",
            "data-heavy APIs",
            "PostgreSQL and queues",
            "services from schema to on-call",
        ],
        "ru": [
            "платежи и биллинг",
            "API с большими данными",
            "PostgreSQL и очереди",
            "сервисы от схемы до дежурств",
        ],
    },
    "frontend-development": {
        "en": ["accessible, fast interfaces", "design systems", "forms and dashboards", "web performance"],
        "ru": ["доступные и быстрые интерфейсы", "дизайн-системы", "формы и дашборды", "скорость веба"],
    },
    "mobile-development": {
        "en": [
            "Kotlin and Swift",
            "offline-first apps",
            "release trains and crash-free apps",
            "consumer apps",
        ],
        "ru": ["Kotlin и Swift", "приложения с офлайн-режимом", "стабильные релизы", "массовые приложения"],
    },
    "ui-ux-design": {
        "en": [
            "research to interaction design",
            "B2B tools",
            "complex workflows",
            "onboarding and conversion",
        ],
        "ru": ["от исследования до прототипа", "B2B-сервисы", "сложные сценарии", "онбординг и конверсия"],
    },
    "copywriting": {
        "en": ["product and SaaS", "landing pages and emails", "microcopy", "onboarding"],
        "ru": ["тексты для продуктов", "лендинги и рассылки", "тексты интерфейсов", "онбординг"],
    },
    "editing": {
        "en": ["long reads and reports", "expert blogs", "fact-checking", "books"],
        "ru": ["деловые тексты", "научно-популярные тексты", "экспертные блоги", "книги"],
    },
    "translation": {
        "en": ["IT and legal", "software documentation", "games and apps", "contracts"],
        "ru": ["IT и право", "техническая документация", "игры и приложения", "договоры"],
    },
    "illustration": {
        "en": ["editorial and product illustration", "children's books", "brands and apps", "covers"],
        "ru": ["редакционная иллюстрация", "детские книги", "бренды и приложения", "обложки"],
    },
}
# The summary's first sentence, per specialization.
OPENINGS = {
    "backend-development": {
        "en": [
            "I build and run **backend services** for products that handle money and personal data.",
            "I design APIs and data models that stay boring under load.",
        ],
        "ru": [
            "Проектирую и сопровождаю **серверную часть** продуктов, где важны деньги и персональные данные.",
            "Делаю API и схемы данных, которые спокойно переживают рост нагрузки.",
        ],
    },
    "frontend-development": {
        "en": [
            "I turn designs into **accessible** interfaces that work on a cheap phone over a bad network.",
            "I build the components other developers enjoy using.",
        ],
        "ru": [
            "Превращаю макеты в **доступные** интерфейсы, которые работают на недорогом телефоне и плохой сети.",
            "Делаю компоненты, которыми удобно пользоваться другим разработчикам.",
        ],
    },
    "mobile-development": {
        "en": [
            "Native apps on both platforms, released on schedule and rarely crashing.",
            "I keep mobile releases predictable and users' data safe offline.",
        ],
        "ru": [
            "Нативные приложения для обеих платформ: релизы по графику и почти без сбоев.",
            "Делаю мобильные релизы предсказуемыми, а данные пользователей — сохранными без сети.",
        ],
    },
    "ui-ux-design": {
        "en": [
            "I start with **research** and end with a handoff developers can build from.",
            "I make complex workflows plain: interviews, prototypes, usability tests.",
        ],
        "ru": [
            "Начинаю с **исследования** и заканчиваю макетами, по которым удобно разрабатывать.",
            "Делаю сложные сценарии простыми: интервью, прототипы, юзабилити-тесты.",
        ],
    },
    "copywriting": {
        "en": [
            "Copy that explains a product plainly and sells it honestly.",
            "I write landing pages, onboarding, emails and microcopy that people read to the end.",
        ],
        "ru": [
            "Пишу тексты, которые просто объясняют продукт и честно его продают.",
            "Лендинги, рассылки, онбординг и тексты интерфейсов, которые дочитывают до конца.",
        ],
    },
    "editing": {
        "en": [
            "I edit for clarity and accuracy: structure first, then sentences, then facts.",
            "I turn experts' drafts into texts people finish.",
        ],
        "ru": [
            "Редактирую ради ясности и точности: сначала структура, потом фразы, потом факты.",
            "Превращаю черновики экспертов в тексты, которые дочитывают.",
        ],
    },
    "translation": {
        "en": [
            "Technical and legal translation between English and Russian, with glossaries and QA checks.",
            "I localise software so that nobody notices it was translated.",
        ],
        "ru": [
            "Перевожу технические и юридические тексты с английского и на английский, с глоссариями и проверкой.",
            "Локализую программы так, что перевода не замечают.",
        ],
    },
    "illustration": {
        "en": [
            "Illustration from agreed sketches to finals, with the sources handed over.",
            "I draw characters and worlds for books, brands and apps.",
        ],
        "ru": [
            "Рисую от согласованных эскизов до финала и передаю исходники.",
            "Придумываю персонажей и миры для книг, брендов и приложений.",
        ],
    },
}
DOMAINS = [
    ("fintech", "финтех"),
    ("online education", "онлайн-образование"),
    ("retail", "ритейл"),
    ("logistics", "логистика"),
    ("media", "медиа"),
    ("healthcare", "медицина"),
    ("SaaS", "SaaS"),
    ("the public sector", "госсектор"),
    ("travel", "путешествия"),
    ("games", "игры"),
]
DOMAIN_SENTENCE = {"en": "Most of my work has been in {a} and {b}.", "ru": "Основные сферы: {a} и {b}."}
STYLES = {
    "en": [
        "I write the plan down before the work starts and show progress every week.",
        "I prefer long engagements where I can own a part of the product.",
        "I measure the result after release, not only before it.",
        "Clear briefs, short feedback loops and honest estimates.",
        "I like teams that write things down and keep their promises.",
    ],
    "ru": [
        "Записываю план до начала работы и показываю результат каждую неделю.",
        "Люблю долгие проекты, где можно отвечать за часть продукта целиком.",
        "Измеряю результат после запуска, а не только до него.",
        "Понятные задачи, быстрая обратная связь и честные оценки.",
        "Ценю команды, которые договариваются письменно и держат слово.",
    ],
}

# Experience entries: (organization, role, task, process, team, team size, contribution, outcome).
EXPERIENCE = {
    "backend-development": {
        "en": [
            (
                "Regional bank, card payments",
                "Lead backend developer",
                "Move card payments from a vendor box to our own service without downtime.",
                "Strangler pattern: shadow traffic for six weeks, daily reconciliation "
                "reports, feature flags per merchant.",
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
        "ru": [
            (
                "Маркетплейс электроники",
                "Ведущий бэкенд-разработчик",
                "Вынести каталог и цены из монолита в отдельный сервис без остановки продаж.",
                "Двойная запись на переходный период, сверка данных каждую ночь, "
                "переключение по доле трафика.",
                "Команда каталога: 4 разработчика, тестировщик, аналитик",
                6,
                "Спроектировал схему данных, написал сверку и провёл переключение.",
                "Время ответа каталога упало с 700 до 120 мс; ни одного инцидента при переезде.",
            ),
            (
                "Онлайн-кинотеатр",
                "Python-разработчик",
                "Биллинг подписок с пробным периодом и промокодами.",
                "Двухнедельные спринты, ревью дизайна, контрактные тесты с платёжным провайдером.",
                "Продуктовая команда",
                5,
                "Написал конечный автомат подписки и обработку повторных списаний.",
                "Доля неудачных продлений снизилась на 25%.",
            ),
        ],
    },
    "frontend-development": {
        "en": [
            (
                "Retail chain, online store",
                "Senior frontend developer",
                "Rebuild checkout to meet WCAG 2.1 AA.",
                "Audit with screen-reader users, then component by component behind a "
                "flag; weekly usability sessions.",
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
        "ru": [
            (
                "Банк, интернет-банк",
                "Фронтенд-разработчик",
                "Переписать формы переводов так, чтобы ими было удобно пользоваться с "
                "клавиатуры и экранным диктором.",
                "Аудит доступности, затем экран за экраном под флагом; проверки с незрячими пользователями.",
                "Команда платежей: 3 фронтенда, дизайнер, тестировщик",
                5,
                "Переписал компоненты форм и сводку ошибок, написал гайд для команды.",
                "Жалобы на формы переводов почти исчезли, конверсия выросла на 6%.",
            ),
            (
                "Сервис доставки продуктов",
                "Старший фронтенд-разработчик",
                "Ускорить каталог на слабых телефонах.",
                "Сначала полевые метрики, затем бюджеты производительности в CI.",
                "Веб-команда",
                6,
                "Убрал тяжёлые зависимости, настроил ленивую загрузку картинок.",
                "Время до интерактивности сократилось вдвое.",
            ),
        ],
    },
    "mobile-development": {
        "en": [
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
        "ru": [
            (
                "Сервис такси",
                "Android-разработчик",
                "Экран поездки, который не падает при плохой сети.",
                "Офлайн-режим, скриншотные тесты, поэтапная раскатка.",
                "Мобильная команда: 6 разработчиков, 2 тестировщика",
                8,
                "Переписал экран поездки на Compose и слой синхронизации.",
                "Доля сессий без сбоев выросла до 99,8%.",
            ),
            (
                "Фитнес-приложение",
                "iOS-разработчик",
                "Еженедельные релизы вместо ежемесячных.",
                "Релизный поезд, фича-флаги, бета-тестирование в TestFlight.",
                "Продуктовая команда",
                5,
                "Настроил CI/CD и разбил приложение на модули.",
                "Год еженедельных релизов без отката.",
            ),
        ],
    },
    "ui-ux-design": {
        "en": [
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
        "ru": [
            (
                "Онлайн-школа",
                "Продуктовый дизайнер",
                "Переделать личный кабинет ученика.",
                "15 интервью, карта пути пользователя, три раунда юзабилити-тестов.",
                "2 дизайнера, исследователь, 5 разработчиков",
                8,
                "Провела исследование, спроектировала новый кабинет и передала макеты в разработку.",
                "Доля учеников, дошедших до конца курса, выросла с 38% до 52%.",
            ),
            (
                "Логистическая компания",
                "UX-дизайнер",
                "Снизить число ошибок диспетчеров во внутренней системе.",
                "Наблюдение за сменами, анализ задач, A/B-тест двух вариантов экрана.",
                "Продуктовая тройка и 4 разработчика",
                7,
                "Спроектировал новую доску заказов и её состояния ошибок.",
                "Ошибочно назначенных заказов стало на 30% меньше.",
            ),
        ],
    },
    "copywriting": {
        "en": [
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
        "ru": [
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
                "Банк для малого бизнеса",
                "Копирайтер",
                "Переписать тексты онбординга и писем для новых клиентов.",
                "Интервью с клиентами, карта смыслов, A/B-тесты заголовков.",
                "Команда маркетинга",
                5,
                "Написала 14 писем и тексты всех экранов онбординга.",
                "Доля клиентов, открывших счёт до конца, выросла на 12%.",
            ),
        ],
    },
    "editing": {
        "en": [
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
        "ru": [
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
                "Деловое издательство",
                "Выпускающий редактор",
                "Подготовить к печати книгу по управлению командой.",
                "Структурная правка, две редакторские вычитки, сверка фактов и цитат.",
                "Редактор, корректор, верстальщик",
                3,
                "Перестроила структуру книги, отредактировала все главы.",
                "Книга вышла в срок и переиздавалась дважды.",
            ),
        ],
    },
    "translation": {
        "en": [
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
        "ru": [
            (
                "Разработчик игр",
                "Переводчик-локализатор",
                "Локализовать игру и магазинные страницы на русский язык.",
                "Глоссарий, память переводов, проверка в контексте игры.",
                "2 переводчика и редактор",
                3,
                "Перевела диалоги и интерфейс, вела глоссарий.",
                "Рейтинг русской версии в магазине — 4,7.",
            )
        ],
    },
    "illustration": {
        "en": [
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
        "ru": [
            (
                "Детское издательство",
                "Иллюстратор",
                "Нарисовать серию из трёх книжек-картинок.",
                "Листы персонажей, раскадровка, согласование эскизов по разворотам.",
                "Редактор, арт-директор и автор",
                3,
                "Придумала персонажей и нарисовала все развороты.",
                "Первый тираж серии разошёлся за два месяца.",
            )
        ],
    },
}
# Skills a specialist adds besides those the skill test checks.
MORE_SKILLS = {
    "backend-development": ["Django", "Celery", "Redis", "Docker", "System design", "Performance tuning"],
    "frontend-development": ["TypeScript", "React", "Vue", "HTML", "Web performance", "Testing Library"],
    "mobile-development": ["Android", "iOS", "Jetpack Compose", "SwiftUI", "CI/CD", "Offline-first"],
    "ui-ux-design": [
        "Prototyping",
        "Usability testing",
        "Design systems",
        "Information architecture",
        "Workshops",
    ],
    "copywriting": ["UX writing", "Email marketing", "Content strategy", "Tone of voice"],
    "editing": ["Proofreading", "Style guides", "Long-form editing", "Research"],
    "translation": ["Localisation", "CAT tools", "Legal translation", "Technical writing"],
    "illustration": ["Vector illustration", "Character design", "Procreate", "Brand illustration"],
}
# The languages a specialist lists, by the language they write in: (code, proficiency 1-4 (basic to native)).
LANGUAGE_SETS = {
    "ru": [
        [("ru", 4), ("en", 3)],
        [("ru", 4), ("en", 2)],
        [("ru", 4), ("en", 3), ("de", 2)],
        [("uk", 4), ("ru", 4), ("en", 3)],
        [("kk", 4), ("ru", 4), ("en", 2)],
        [("ru", 4), ("en", 3), ("fr", 1)],
    ],
    "en": [
        [("en", 4), ("ru", 2)],
        [("en", 3), ("de", 4)],
        [("en", 3), ("ru", 4)],
        [("en", 4), ("es", 3)],
        [("en", 3), ("fr", 4), ("ru", 1)],
        [("en", 3), ("zh", 4)],
    ],
}
# Rates per hour in roubles by level (technical specializations; the others earn 70%); a share of
# specialists quote in US dollars.
RATE_BY_LEVEL = {"junior": 1200, "middle": 2200, "senior": 3500, "lead": 5000}
RUB_PER_USD = 80
TECHNICAL = {slug for slug, _en, _ru, technical, *_ in SPECIALIZATIONS if technical}
YEARS_BY_LEVEL = {"junior": (1, 3), "middle": (3, 6), "senior": (5, 10), "lead": (8, 15)}
UTC_OFFSETS = {"ru": [2, 3, 3, 3, 3, 4, 5, 6, 7], "en": [-5, -3, 0, 1, 1, 2, 3, 4, 8]}


def headline(slug: str, language: str, rng: random.Random) -> str:
    return f"{rng.choice(ROLES[slug][language])}: {rng.choice(FOCUS[slug][language])}"


def summary(slug: str, language: str, rng: random.Random, skills: list[str] = ()) -> str:
    """An opening, the domains worked in, a working style, and a short list of skills."""
    first, second = rng.sample(DOMAINS, 2)
    index = 0 if language == "en" else 1
    text = " ".join(
        [
            rng.choice(OPENINGS[slug][language]),
            DOMAIN_SENTENCE[language].format(a=first[index], b=second[index]),
            rng.choice(STYLES[language]),
        ]
    )
    if skills:
        text += "\n\n" + "\n".join(f"- {name}" for name in skills)
    return text


def experiences(slug: str, language: str, rng: random.Random, k: int) -> list[tuple]:
    """k entries, in the writer's language first (the other language fills up a short table)."""
    own = rng.sample(EXPERIENCE[slug][language], min(k, len(EXPERIENCE[slug][language])))
    other = "en" if language == "ru" else "ru"
    rest = rng.sample(EXPERIENCE[slug][other], min(k - len(own), len(EXPERIENCE[slug][other])))
    return own + rest
