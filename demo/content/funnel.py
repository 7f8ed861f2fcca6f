# ruff: noqa: E501  (bilingual content reads better on one line)
"""The funnel's reference data in both languages (specializations, stages, rubrics and their anchors,
screening questions, question banks, reason templates, skills' Russian names) and what applicants
write: `demo.reference` creates the first, `demo.funnel` draws from the rest."""

# slug, name_en, name_ru, technical, cooldown days, stage kinds, skills checked by the test
SPECIALIZATIONS = [
    (
        "backend-development",
        "Backend development",
        "Бэкенд-разработка",
        True,
        120,
        ["screening", "skill_test", "work_sample", "interview"],
        ["Python", "PostgreSQL", "HTTP APIs"],
    ),
    (
        "frontend-development",
        "Frontend development",
        "Фронтенд-разработка",
        True,
        120,
        ["screening", "skill_test", "work_sample", "interview"],
        ["JavaScript", "CSS", "Accessibility"],
    ),
    (
        "mobile-development",
        "Mobile development",
        "Мобильная разработка",
        True,
        120,
        ["screening", "skill_test", "work_sample", "interview"],
        ["Kotlin", "Swift", "Mobile releases"],
    ),
    (
        "ui-ux-design",
        "UI/UX design",
        "UI/UX-дизайн",
        False,
        90,
        ["screening", "skill_test", "work_sample", "interview"],
        ["User research", "Interaction design", "Figma"],
    ),
    (
        "copywriting",
        "Copywriting",
        "Копирайтинг",
        False,
        60,
        ["screening", "skill_test", "work_sample", "interview"],
        ["Copywriting", "Editorial style", "SEO writing"],
    ),
    (
        "editing",
        "Editing",
        "Редактура",
        False,
        60,
        ["screening", "skill_test", "work_sample", "interview"],
        ["Editing", "Fact-checking", "Editorial style"],
    ),
    (
        "translation",
        "Translation",
        "Перевод",
        False,
        60,
        ["screening", "skill_test", "work_sample", "interview"],
        ["English–Russian translation", "Terminology"],
    ),
    (
        "illustration",
        "Illustration",
        "Иллюстрация",
        False,
        90,
        ["screening", "work_sample", "interview"],
        ["Illustration", "Composition"],
    ),
]

STAGES = {
    "screening": dict(
        name_en="Screening of the application",
        name_ru="Рассмотрение анкеты",
        min_years=2,
        target_days=2,
        instructions_en="A moderator reads your experience entries: the task, the team, your role and contribution.",
        instructions_ru="Модератор читает ваш опыт: задачу, команду, вашу роль и вклад.",
    ),
    "skill_test": dict(
        name_en="Skill test",
        name_ru="Тест навыков",
        question_count=5,
        time_limit_minutes=15,
        pass_mark=80,
        instructions_en="Five questions drawn from the bank, 15 minutes. Answers sent after the limit do not count.",
        instructions_ru="Пять вопросов из банка, 15 минут. Ответы после окончания времени не засчитываются.",
    ),
    "work_sample": dict(
        name_en="Work sample",
        name_ru="Тестовое задание",
        pass_mark=70,
        expire_after_days=14,
        target_days=3,
        reviews_needed=2,
        instructions_en=(
            "**The assignment.** Take a real task of this specialization that you would give a new colleague "
            "on their first week, and do it as you would for a client. Submit a text, a link or a file "
            "(PDF, PNG, JPEG, ZIP or text, up to 5 MB)."
        ),
        instructions_ru=(
            "**Задание.** Возьмите реальную задачу своей специализации, какую дали бы новому коллеге в первую "
            "неделю, и выполните её как для заказчика. Пришлите текст, ссылку или файл "
            "(PDF, PNG, JPEG, ZIP или текст, до 5 МБ)."
        ),
    ),
    "interview": dict(
        name_en="Interview",
        name_ru="Собеседование",
        pass_mark=60,
        target_days=5,
        instructions_en="A 45-minute video call with two practitioners. It ends with the decision and your level.",
        instructions_ru="Видеозвонок на 45 минут с двумя практиками. По итогам — решение и ваш уровень.",
    ),
}

CRITERIA = {
    "work_sample": [
        ("Quality of the result", "Качество результата"),
        ("Structure and approach", "Структура и подход"),
        ("Explanation of decisions", "Объяснение решений"),
    ],
    "interview": [
        ("Depth of expertise", "Глубина экспертизы"),
        ("Problem solving", "Решение задач"),
        ("Communication", "Коммуникация"),
        ("Ownership", "Ответственность за результат"),
    ],
}

# What each score of a criterion looks like: observable behaviour, 1 to 5 (English, Russian).
ANCHORS = {
    "Quality of the result": [
        ("Does not do the task, or does a different one.", "Не решает задачу или решает другую."),
        (
            "Does part of the task; a client would send it back.",
            "Решает часть задачи; заказчик вернул бы её.",
        ),
        (
            "Does the task for the usual case; gaps a reviewer has to point out.",
            "Решает задачу для обычного случая; пробелы приходится указывать.",
        ),
        ("Complete and correct; only small polish left.", "Полно и верно; осталась мелкая доводка."),
        (
            "Complete, correct and handles edge cases nobody asked about.",
            "Полно, верно и учитывает крайние случаи, о которых не просили.",
        ),
    ],
    "Structure and approach": [
        ("No visible plan; pieces contradict each other.", "Плана не видно; части противоречат друг другу."),
        ("A plan exists but is not followed.", "План есть, но ему не следуют."),
        ("A sensible, conventional structure.", "Разумная, привычная структура."),
        (
            "A structure chosen for this task, easy to change.",
            "Структура выбрана под задачу, её легко менять.",
        ),
        ("A structure a senior colleague would copy.", "Структура, которую перенял бы старший коллега."),
    ],
    "Explanation of decisions": [
        ("No explanation.", "Объяснений нет."),
        ("Says what was done, not why.", "Говорит, что сделано, но не почему."),
        ("Explains the main choices.", "Объясняет основные решения."),
        ("Explains choices and the alternatives rejected.", "Объясняет решения и отвергнутые варианты."),
        ("Explains trade-offs, risks and what to do next.", "Объясняет компромиссы, риски и следующие шаги."),
    ],
    "Depth of expertise": [
        ("Knows the terms, not the practice.", "Знает термины, но не практику."),
        ("Has done it with help.", "Делал это с помощью других."),
        ("Has done it alone on typical projects.", "Делал это сам на типичных проектах."),
        (
            "Explains why tools fail, with own examples.",
            "Объясняет, почему инструменты подводят, на своих примерах.",
        ),
        (
            "Has set the approach for a team and can defend it.",
            "Задавал подход команде и может его отстоять.",
        ),
    ],
    "Problem solving": [
        ("Stalls on the case given.", "Останавливается на предложенном кейсе."),
        ("Solves it with strong hints.", "Решает с сильными подсказками."),
        ("Solves it, asking sensible questions.", "Решает, задавая разумные вопросы."),
        ("Solves it and names the risks unprompted.", "Решает и сам называет риски."),
        (
            "Reframes the problem and finds a simpler solution.",
            "Переосмысляет задачу и находит более простое решение.",
        ),
    ],
    "Communication": [
        ("Hard to follow; answers other questions.", "Трудно понять; отвечает на другие вопросы."),
        ("Understandable with effort.", "Понятно с усилием."),
        ("Clear and to the point.", "Ясно и по делу."),
        ("Clear, adapts to the listener.", "Ясно, подстраивается под собеседника."),
        ("Makes the complex simple; checks understanding.", "Делает сложное простым; проверяет понимание."),
    ],
    "Ownership": [
        ("Blames others for past problems.", "Винит других в прошлых проблемах."),
        ("Did what was asked, no more.", "Делал, что просили, не больше."),
        ("Saw own tasks through to the end.", "Доводил свои задачи до конца."),
        ("Took on problems beyond own tasks.", "Брал на себя проблемы за пределами своих задач."),
        (
            "Owned an outcome for the client, end to end.",
            "Отвечал за результат для заказчика от начала до конца.",
        ),
    ],
}

SCREENING_QUESTIONS = [
    (
        "Which project are you proudest of, and what exactly was your part in it?",
        "Каким проектом вы гордитесь больше всего и какова именно ваша роль в нём?",
    ),
    (
        "What kind of ongoing work are you looking for (hours per week, duration)?",
        "Какую постоянную работу вы ищете (часов в неделю, на какой срок)?",
    ),
]

REASONS = [
    (
        "experience-short",
        "Not enough relevant experience",
        "Недостаточно релевантного опыта",
        "Thank you for applying. For now your experience in this specialization is shorter than the level our "
        "customers need. Many applicants come back stronger after a year of focused work; we would be glad to see "
        "you again after the cooldown.",
        "Спасибо за заявку. Пока ваш опыт в этой специализации меньше, чем нужно нашим заказчикам. Многие "
        "возвращаются сильнее после года сосредоточенной работы — будем рады видеть вас снова после паузы.",
    ),
    (
        "resume-thin",
        "The application says too little",
        "В анкете слишком мало подробностей",
        "Thank you for applying. We could not see from your application what you did yourself: the task, the team "
        "and your contribution. Next time, describe two or three projects in detail.",
        "Спасибо за заявку. Из анкеты не видно, что вы делали сами: задачу, команду и ваш вклад. В следующий раз "
        "опишите подробно два-три проекта.",
    ),
    (
        "work-quality",
        "The work sample is not yet at our level",
        "Тестовое задание пока не на нужном уровне",
        "Thank you for the time you spent on the work sample. The reviewers found it solid in parts, but not yet at "
        "the level of independent work our customers expect. You are welcome to apply again after the cooldown.",
        "Спасибо за время, потраченное на задание. Рецензенты отметили сильные стороны, но пока это не уровень "
        "самостоятельной работы, которого ждут заказчики. Вы можете подать заявку снова после паузы.",
    ),
    (
        "interview-depth",
        "The interview showed gaps",
        "На собеседовании обнаружились пробелы",
        "Thank you for the conversation. The interviewers felt that some core topics of the specialization need more "
        "depth before you take on ongoing work for customers. We wish you good luck and hope to talk again.",
        "Спасибо за разговор. Интервьюеры решили, что некоторые ключевые темы специализации требуют большей "
        "глубины, прежде чем браться за постоянную работу. Желаем удачи и надеемся поговорить снова.",
    ),
    (
        "no-response",
        "No response in time",
        "Нет ответа в срок",
        "We did not hear from you within the time this stage allows, so the application was closed. You can apply "
        "again whenever you are ready.",
        "Мы не получили ответа в срок, отведённый на этап, поэтому заявка закрыта. Вы можете подать новую, когда "
        "будете готовы.",
    ),
]

# (question en, question ru, [(choice en, choice ru)], index of the correct choice, skill index)
QUESTIONS = {
    "backend-development": [
        (
            "Which isolation level prevents non-repeatable reads in PostgreSQL?",
            "Какой уровень изоляции в PostgreSQL предотвращает неповторяющееся чтение?",
            [
                ("Read committed", "Read committed"),
                ("Repeatable read", "Repeatable read"),
                ("Read uncommitted", "Read uncommitted"),
            ],
            1,
            1,
        ),
        (
            "What does SELECT ... FOR UPDATE do?",
            "Что делает SELECT ... FOR UPDATE?",
            [
                (
                    "Locks the selected rows until the transaction ends",
                    "Блокирует выбранные строки до конца транзакции",
                ),
                ("Updates the rows at once", "Сразу обновляет строки"),
                ("Creates an index", "Создаёт индекс"),
            ],
            0,
            1,
        ),
        (
            "Which HTTP method is idempotent?",
            "Какой HTTP-метод идемпотентен?",
            [("POST", "POST"), ("PUT", "PUT"), ("PATCH (always)", "PATCH (всегда)")],
            1,
            2,
        ),
        (
            "What does a Python generator return when called?",
            "Что возвращает вызов генераторной функции Python?",
            [("A list", "Список"), ("A generator object", "Объект-генератор"), ("None", "None")],
            1,
            0,
        ),
        (
            "Which status code means the client must authenticate?",
            "Какой код означает, что нужна аутентификация?",
            [("401", "401"), ("403", "403"), ("404", "404")],
            0,
            2,
        ),
        (
            "What problem does an N+1 query pattern cause?",
            "К чему приводит шаблон запросов N+1?",
            [
                ("A query per row, slow pages", "Запрос на каждую строку, медленные страницы"),
                ("Deadlocks", "Взаимные блокировки"),
                ("Wrong results", "Неверные результаты"),
            ],
            0,
            1,
        ),
        (
            "In Python, which structure gives O(1) membership tests on average?",
            "Какая структура Python даёт проверку вхождения за O(1) в среднем?",
            [("list", "list"), ("set", "set"), ("tuple", "tuple")],
            1,
            0,
        ),
    ],
    "frontend-development": [
        (
            "Which attribute gives an image a text alternative?",
            "Какой атрибут задаёт текстовую альтернативу картинки?",
            [("title", "title"), ("alt", "alt"), ("aria-hidden", "aria-hidden")],
            1,
            2,
        ),
        (
            "What does `const` prevent in JavaScript?",
            "Что запрещает `const` в JavaScript?",
            [
                ("Reassigning the binding", "Переприсваивание переменной"),
                ("Mutating the object", "Изменение объекта"),
                ("Hoisting", "Поднятие"),
            ],
            0,
            0,
        ),
        (
            "Which CSS layout is two-dimensional?",
            "Какая раскладка CSS двумерная?",
            [("Flexbox", "Flexbox"), ("Grid", "Grid"), ("Float", "Float")],
            1,
            1,
        ),
        (
            "What does `await` pause?",
            "Что приостанавливает `await`?",
            [
                ("The whole page", "Всю страницу"),
                ("The async function it is in", "Асинхронную функцию, в которой стоит"),
                ("All timers", "Все таймеры"),
            ],
            1,
            0,
        ),
        (
            "Which selector has the highest specificity?",
            "У какого селектора наибольшая специфичность?",
            [(".card .title", ".card .title"), ("#main", "#main"), ("div p", "div p")],
            1,
            1,
        ),
        (
            "What is the minimum contrast ratio for normal text in WCAG AA?",
            "Каков минимальный контраст обычного текста по WCAG AA?",
            [("3:1", "3:1"), ("4.5:1", "4,5:1"), ("7:1", "7:1")],
            1,
            2,
        ),
    ],
    "mobile-development": [
        (
            "In Kotlin, what does `?.` do?",
            "Что делает `?.` в Kotlin?",
            [
                ("Safe call: null if the receiver is null", "Безопасный вызов: null, если получатель null"),
                ("Throws on null", "Бросает исключение на null"),
                ("Casts the type", "Приводит тип"),
            ],
            0,
            0,
        ),
        (
            "Which Swift keyword declares a constant?",
            "Каким ключевым словом Swift объявляют константу?",
            [("var", "var"), ("let", "let"), ("const", "const")],
            1,
            1,
        ),
        (
            "What is a staged rollout?",
            "Что такое поэтапный выпуск (staged rollout)?",
            [
                ("Releasing to a growing share of users", "Выпуск для растущей доли пользователей"),
                ("Releasing to testers only", "Выпуск только для тестировщиков"),
                ("Two apps in one", "Два приложения в одном"),
            ],
            0,
            2,
        ),
        (
            "Where should long work run on Android?",
            "Где выполнять долгую работу на Android?",
            [
                ("On the main thread", "В главном потоке"),
                ("Off the main thread", "Вне главного потока"),
                ("In onCreate", "В onCreate"),
            ],
            1,
            0,
        ),
        (
            "What must change for every App Store upload?",
            "Что должно меняться при каждой загрузке в App Store?",
            [
                ("The build number", "Номер сборки"),
                ("The bundle id", "Bundle id"),
                ("The app name", "Название"),
            ],
            0,
            2,
        ),
        (
            "Which SwiftUI wrapper owns a view's local state?",
            "Какая обёртка SwiftUI хранит локальное состояние вида?",
            [("@State", "@State"), ("@Binding", "@Binding"), ("@Environment", "@Environment")],
            0,
            1,
        ),
    ],
    "ui-ux-design": [
        (
            "What is the main goal of a usability test?",
            "Какова главная цель юзабилити-тестирования?",
            [
                ("Find where real users struggle", "Найти, где реальные пользователи испытывают трудности"),
                ("Choose colours", "Выбрать цвета"),
                ("Measure server speed", "Измерить скорость сервера"),
            ],
            0,
            0,
        ),
        (
            "Fitts's law relates pointing time to…",
            "Закон Фиттса связывает время наведения с…",
            [
                ("Target size and distance", "Размером и расстоянием до цели"),
                ("Colour", "Цветом"),
                ("Font", "Шрифтом"),
            ],
            0,
            1,
        ),
        (
            "What is a Figma component for?",
            "Зачем нужен компонент в Figma?",
            [
                ("Reusing an element with shared changes", "Переиспользовать элемент с общими изменениями"),
                ("Exporting PNG", "Экспорт PNG"),
                ("Commenting", "Комментарии"),
            ],
            0,
            2,
        ),
        (
            "How many users usually find most usability problems in one round?",
            "Сколько пользователей обычно находят большую часть проблем за раунд?",
            [("About 5", "Около 5"), ("About 50", "Около 50"), ("1", "1")],
            0,
            0,
        ),
        (
            "What is progressive disclosure?",
            "Что такое постепенное раскрытие?",
            [
                ("Showing advanced options only when needed", "Показ сложных настроек только когда нужно"),
                ("Loading images slowly", "Медленная загрузка картинок"),
                ("A/B testing", "A/B-тест"),
            ],
            0,
            1,
        ),
    ],
    "copywriting": [
        (
            "What should the first line of a landing page do?",
            "Что должна делать первая строка лендинга?",
            [
                ("Say the benefit to the reader", "Назвать пользу для читателя"),
                ("List the company's awards", "Перечислить награды"),
                ("Greet the visitor", "Поприветствовать посетителя"),
            ],
            0,
            0,
        ),
        (
            "Which is stronger copy?",
            "Какой текст сильнее?",
            [
                ("Save 3 hours a week on reports", "Экономьте 3 часа в неделю на отчётах"),
                ("Innovative reporting solutions", "Инновационные решения для отчётности"),
                ("The best reports ever", "Лучшие отчёты в мире"),
            ],
            0,
            0,
        ),
        (
            "What is a call to action?",
            "Что такое призыв к действию?",
            [
                ("The one step you ask the reader to take", "Один шаг, который вы просите сделать читателя"),
                ("A headline", "Заголовок"),
                ("A customer review", "Отзыв"),
            ],
            0,
            1,
        ),
        (
            "Keyword stuffing is…",
            "Переспам ключевыми словами — это…",
            [
                ("Harmful to readers and rankings", "Вред и читателю, и позициям"),
                ("Good SEO", "Хорошее SEO"),
                ("Required by search engines", "Требование поисковиков"),
            ],
            0,
            2,
        ),
        (
            "Whom do you write a product description for?",
            "Для кого пишется описание товара?",
            [
                ("A specific buyer with a need", "Конкретного покупателя с потребностью"),
                ("Everyone", "Для всех"),
                ("The search robot", "Для поискового робота"),
            ],
            0,
            1,
        ),
    ],
    "editing": [
        (
            "What is the editor's first pass usually about?",
            "Чему обычно посвящён первый проход редактора?",
            [("Structure and meaning", "Структуре и смыслу"), ("Commas", "Запятым"), ("Fonts", "Шрифтам")],
            0,
            0,
        ),
        (
            "A fact in a text has no source. You…",
            "У факта в тексте нет источника. Вы…",
            [
                ("Verify it or ask the author", "Проверяете или спрашиваете автора"),
                ("Leave it", "Оставляете"),
                ("Delete the paragraph", "Удаляете абзац"),
            ],
            0,
            1,
        ),
        (
            "What is a style guide for?",
            "Зачем нужен редакционный стандарт?",
            [
                (
                    "Consistent decisions across texts and authors",
                    "Единые решения для всех текстов и авторов",
                ),
                ("Legal protection", "Юридической защиты"),
                ("Page layout", "Вёрстки"),
            ],
            0,
            2,
        ),
        (
            "Which sentence is in the passive voice?",
            "Какое предложение в страдательном залоге?",
            [
                ("The report was written by Anna", "Отчёт был написан Анной"),
                ("Anna wrote the report", "Анна написала отчёт"),
                ("Anna writes", "Анна пишет"),
            ],
            0,
            0,
        ),
        (
            "An author disagrees with an edit. You…",
            "Автор не согласен с правкой. Вы…",
            [
                (
                    "Explain the reason and look for a solution together",
                    "Объясняете причину и ищете решение вместе",
                ),
                ("Insist silently", "Молча настаиваете"),
                ("Drop all edits", "Отменяете все правки"),
            ],
            0,
            0,
        ),
    ],
    "translation": [
        (
            "“Eventually” in English usually means…",
            "«Eventually» в английском обычно означает…",
            [("В конце концов", "В конце концов"), ("Возможно", "Возможно"), ("Постоянно", "Постоянно")],
            0,
            0,
        ),
        (
            "A term has two accepted translations in a project. You…",
            "У термина два принятых перевода в проекте. Вы…",
            [
                (
                    "Check the glossary and use one consistently",
                    "Сверяетесь с глоссарием и используете один последовательно",
                ),
                ("Alternate them", "Чередуете"),
                ("Invent a third", "Придумываете третий"),
            ],
            0,
            1,
        ),
        (
            "“Actual” is best translated as…",
            "«Actual» лучше всего переводится как…",
            [("Фактический", "Фактический"), ("Актуальный", "Актуальный"), ("Активный", "Активный")],
            0,
            0,
        ),
        (
            "What is a translation memory?",
            "Что такое память переводов?",
            [
                ("A database of earlier translated segments", "База ранее переведённых сегментов"),
                ("A dictionary app", "Словарь"),
                ("A spell checker", "Проверка орфографии"),
            ],
            0,
            1,
        ),
        (
            "The source text has an error. You…",
            "В исходном тексте ошибка. Вы…",
            [
                ("Flag it to the client", "Сообщаете заказчику"),
                ("Translate the error", "Переводите с ошибкой"),
                ("Silently rewrite the meaning", "Молча меняете смысл"),
            ],
            0,
            1,
        ),
    ],
    "illustration": [],
}

# Russian names of the demo's skills, indexed for search beside the English ones and shown on
# Russian pages; brands and technologies keep one name (skill_name_ru). Frozen in
# profiles/migrations/0010 and 0011 for databases made before the field.
SKILL_NAMES_RU = {
    "Accessibility": "Доступность интерфейсов",
    "Brand illustration": "Брендовая иллюстрация",
    "CAT tools": "CAT-инструменты",
    "Character design": "Дизайн персонажей",
    "Composition": "Композиция",
    "Content strategy": "Контент-стратегия",
    "Copywriting": "Копирайтинг",
    "Data analysis": "Анализ данных",
    "Design systems": "Дизайн-системы",
    "Editing": "Редактура",
    "Editorial style": "Редакционный стиль",
    "Email marketing": "Email-маркетинг",
    "English–Russian translation": "Перевод с английского на русский",
    "Fact-checking": "Фактчекинг",
    "Illustration": "Иллюстрация",
    "Information architecture": "Информационная архитектура",
    "Interaction design": "Дизайн взаимодействия",
    "Legal translation": "Юридический перевод",
    "Localisation": "Локализация",
    "Long-form editing": "Редактура лонгридов",
    "Marketing": "Маркетинг",
    "Mentoring": "Менторство",
    "Mobile releases": "Мобильные релизы",
    "Performance tuning": "Оптимизация производительности",
    "Product management": "Управление продуктом",
    "Proofreading": "Корректура",
    "Prototyping": "Прототипирование",
    "Public speaking": "Публичные выступления",
    "Research": "Исследования",
    "SEO writing": "SEO-тексты",
    "Style guides": "Стайлгайды",
    "System design": "Проектирование систем",
    "Technical writing": "Технические тексты",
    "Terminology": "Терминология",
    "Tone of voice": "Тон бренда",
    "UX writing": "UX-тексты",
    "Usability testing": "Юзабилити-тестирование",
    "User research": "Исследование пользователей",
    "Vector illustration": "Векторная иллюстрация",
    "Web performance": "Веб-производительность",
    "Workshops": "Воркшопы",
}


def skill_name_ru(name: str) -> str:
    """A demo skill's Russian name: its translation, or the name itself for a brand (Python)."""
    return SKILL_NAMES_RU.get(name, name)


# What applicants write at screening and hand in as work samples, in their language.
SAMPLE_ANSWERS = {
    "en": [
        "A payments migration for a bank: I planned it, led two colleagues and ran the cut-over night.",
        "A redesign of a course platform; I owned the research and the final handoff to developers.",
        "About 20 hours a week for at least six months.",
        "Full-time for a long project; I prefer teams that write things down.",
    ],
    "ru": [
        "Переезд платёжного сервиса банка: я составил план, вёл двух коллег и провёл ночь переключения.",
        "Редизайн учебной платформы: я отвечала за исследование и передачу макетов разработчикам.",
        "Около 20 часов в неделю, минимум на полгода.",
        "Полная занятость на долгом проекте; люблю команды, которые договариваются письменно.",
    ],
}
SAMPLE_SUBMISSIONS = {
    "en": [
        "The solution and a short note on the trade-offs I chose, with what I would do next.",
        "Here is the result, plus the two alternatives I rejected and why.",
    ],
    "ru": [
        "Решение и короткая записка о компромиссах, которые я выбрал, и о следующих шагах.",
        "Вот результат и две альтернативы, от которых я отказалась, с объяснением почему.",
    ],
}
