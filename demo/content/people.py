"""Who the demo's people are: the logins per role, and names to generate applicants from."""

DEMO_PASSWORD = "demo-pass-2026"
DEMO_DOMAIN = "demo.topfreelancer.example"
APPLICANT_EMAIL = "applicant{:04d}@" + DEMO_DOMAIN

# (email, full name, role, staff, superuser, what it shows); printed after a load, kept stable:
# the tests and the browser tests log in with them.
LOGINS = [
    ("admin@example.com", "Ada Admin", "", True, True, "superuser: configures the funnel"),
    ("moderator@example.com", "Maria Moderator", "", True, False, "moderator: reviews applicants in admin"),
    ("customer@example.com", "Chris Customer", "customer", False, False, "customer: needs and shortlists"),
    ("applicant@example.com", "Alex Applicant", "applicant", False, False, "applicant in the funnel"),
    (
        "specialist@example.com",
        "Sam Specialist",
        "applicant",
        False,
        False,
        "accepted specialist: profile and invitations",
    ),
]
OTHER_MODERATORS = [
    ("pavel.moderator@example.com", "Pavel Reviewer"),
    ("olga.moderator@example.com", "Olga Reviewer"),
]
CUSTOMERS = [
    ("customer@example.com", "Chris Customer", "en"),
    ("olga.customer@example.com", "Olga Orlova", "ru"),
    ("ivan.customer@example.com", "Ivan Petrov", "ru"),
]
# Companies whose finished engagements make the track records and the validity report.
PAST_CUSTOMER_EMAIL = "past.customer{:02d}@" + DEMO_DOMAIN
PAST_CUSTOMERS = [
    "Pavel Pastov", "Irina Grekova", "Tom Becker", "Lena Marsh", "Anton Lis", "Marta Ruiz",
    "Dmitry Belov", "Sofia Lang", "Kemal Aydin", "Nina Frost", "Oleg Sedov", "Ruth Adler",
    "Yuri Gagarinov", "Clara Moss", "Artem Kravets", "Hana Sato", "Vlad Pushkin", "Emma Stone",
    "Gleb Rudin", "Alma Nur", "Igor Titov", "Paula Reis", "Stas Mirny", "Jana Holm",
]  # fmt: skip

# Applicants who write in Russian get Russian names, the others international ones.
NAMES = {
    "ru": (
        ["Анна", "Борис", "Дарья", "Фёдор", "Ирина", "Кира", "Никита", "Ольга", "Павел", "Сергей",
         "Вера", "Яна", "Артём", "Глеб", "Мария", "Егор", "Алиса", "Тимур", "Полина", "Денис"],
        ["Иванова", "Смирнов", "Петрова", "Соколов", "Орлова", "Волков", "Лебедева", "Попов",
         "Морозова", "Новиков", "Зайцева", "Козлов", "Павлова", "Степанов", "Фролова", "Егоров"],
    ),
    "en": (
        ["Anna", "Chen", "Elif", "Greta", "Hugo", "Jonas", "Leon", "Maya", "Quinn", "Rosa", "Tara",
         "Umar", "Wen", "Zoe", "Lucas", "Priya", "Mateo", "Ines", "Oskar", "Noor"],
        ["Kowalski", "Novak", "Garcia", "Müller", "Kim", "Silva", "Nowak", "Berg", "Lind", "Moreau",
         "Rossi", "Sato", "Haddad", "Okafor", "Jensen", "Costa"],
    ),
}  # fmt: skip


def full_name(language: str, first: int, last: int) -> str:
    """A name in the person's script; Russian surnames agree with the first name's gender."""
    firsts, lasts = NAMES[language]
    given, family = firsts[first % len(firsts)], lasts[last % len(lasts)]
    if language == "ru":
        female = given[-1] in "аяАЯ" and given not in ("Никита", "Илья")
        if female and family.endswith(("ов", "ев", "ин")):
            family += "а"
        elif not female and family.endswith(("ова", "ева", "ина")):
            family = family[:-1]
    return f"{given} {family}"
