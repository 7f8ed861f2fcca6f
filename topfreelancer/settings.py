"""One settings module, configured from the environment (see .env.example).

The defaults are the embedded quick start: SQLite, Celery tasks run eagerly, console email.
Production sets DEBUG=False, SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL and CELERY_BROKER_URL.
"""

import warnings
from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _
from kombu import Queue

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=True)
# A secret is required outside DEBUG; the quick start gets a fixed, obviously unsafe one.
SECRET_KEY = env("SECRET_KEY") if not DEBUG else env("SECRET_KEY", default="insecure-dev-key-" + "x" * 40)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "django_filters",
    "django_htmx",
    "template_partials",
    "csp",
    "accounts",
    "vetting",
    "profiles",
    "needs",
    "matching",
    "demo",  # the demo data command; imports every app, imported by none
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "topfreelancer.replica.ReplicaReadsMiddleware",
]

ROOT_URLCONF = "topfreelancer.urls"
WSGI_APPLICATION = "topfreelancer.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "csp.context_processors.nonce",
                "matching.context_processors.unread_messages",
            ],
            # Project-wide tags (topfreelancer is no app): formats by locale, the shared components.
            "libraries": {
                "formats": "topfreelancer.templatetags.formats",
                "components": "topfreelancer.templatetags.components",
            },
        },
    },
]

# --- Database -----------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Persistent connections in production: opening one per request cost a PostgreSQL backend start
# and authentication on every page (docs/SCALE.md, "Throughput"); checked before reuse, so a
# connection the server closed is replaced instead of failing the request.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0 if DEBUG else 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
IS_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The demo under concurrent requests (docs/TRUST.md): WAL lets readers run beside the one
    # writer; IMMEDIATE takes the write lock when a transaction begins, so two writers queue for
    # up to `timeout` seconds instead of deadlocking on a lock upgrade ("database is locked").
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
# A streaming replica for the catalogue's page reads (topfreelancer/replica.py); unset: one database.
if env("REPLICA_DATABASE_URL", default=""):
    DATABASES["replica"] = env.db("REPLICA_DATABASE_URL")
# Every query of the site reads a page of rows or one need's candidates through an index.
# PostgreSQL's defaults suit reports: a plan estimated as costly gets parallel workers and JIT
# compilation. For a catalogue page at 100,000 profiles starting one parallel worker took 60 ms of
# a 90 ms query that runs in 3-6 ms without it (bench/README.md, "Parallel workers and JIT").
POSTGRES_SESSION = "-c max_parallel_workers_per_gather=0 -c jit=off"
for alias in DATABASES:
    if DATABASES[alias]["ENGINE"] == "django.db.backends.postgresql":
        options = DATABASES[alias].setdefault("OPTIONS", {})
        options["options"] = f"{POSTGRES_SESSION} {options.get('options', '')}".strip()
CATALOGUE_FROM_REPLICA = "replica" in DATABASES
DATABASE_ROUTERS = ["topfreelancer.replica.ReplicaRouter"]

# --- Cache (allauth rate limits and cached statistics live here) ---------------------------
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://topfreelancer")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # An accelerator, not a dependency: with Redis unreachable each call falls back to a
    # per-process cache after at most these timeouts (topfreelancer/cache.py, docs/TRUST.md).
    # CACHE_URL's query string overrides them: rediscache://host:6379/1?socket_timeout=1
    CACHES["default"]["BACKEND"] = "topfreelancer.cache.ResilientRedisCache"
    CACHES["default"]["OPTIONS"] = {
        "socket_connect_timeout": 0.25,
        "socket_timeout": 0.5,
        **CACHES["default"].get("OPTIONS", {}),
    }

# --- Accounts -----------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True  # in the browser that signed up: no second log-in
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
ACCOUNT_RATE_LIMITS_ENABLED = True  # allauth's defaults: login, login_failed, signup, password reset...
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Topfreelancer] "

# --- Email: console by default, SMTP (or anything) through EMAIL_URL ---------------------
vars().update(env.email("EMAIL_URL", default="consolemail://"))
# Links in emails are absolute: a worker renders them, with no request to take the host from.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Topfreelancer <no-reply@topfreelancer.example>")

# --- Internationalization ------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ru", _("Russian"))]
# Project-wide strings (templates/, topfreelancer/); each app keeps its own <app>/locale/.
LOCALE_PATHS = [BASE_DIR / "topfreelancer" / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
# Dates and times the same way everywhere, the admin included (topfreelancer/formats).
FORMAT_MODULE_PATH = ["topfreelancer.formats"]

# --- Static and uploaded files -------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# In development static files come from the finders; STATIC_ROOT exists only after collectstatic.
warnings.filterwarnings("ignore", message="No directory at")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Uploads live outside the static root and are served only through views that check access.
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
MEDIA_URL = "/media/"  # never routed publicly
# Request-size limits (docs/TRUST.md): the largest real form, the profile edit page at its formsets'
# max_num, posts about 700 fields; a forged body beyond these is a 400 before any view runs.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # larger uploads are spooled to a temporary file
DATA_UPLOAD_MAX_MEMORY_SIZE = 5_242_880  # the body without its files
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 5  # one file field exists (the work sample)

# --- Moderation -------------------------------------------------------------------------------
# A moderator's claim on an application lapses after this long without a decision (back to the pool).
VETTING_CLAIM_MINUTES = env.int("VETTING_CLAIM_MINUTES", default=30)

# --- Celery ----------------------------------------------------------------------------------
# No broker configured: tasks run eagerly in the request, so the quick start needs no Redis.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BROKER_URL = CELERY_BROKER_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
# A task is acknowledged after it ran, and re-delivered if its worker dies: tasks are idempotent.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
# A dead broker must not hang a request: publishing gives up fast, the work is already recorded
# in the database and a periodic task picks it up again (beat: accounts.tasks.send_pending_emails,
# matching.tasks.requeue_pending_matching).
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 1,
    "socket_timeout": 2,
    "visibility_timeout": 3600,
}
CELERY_TASK_PUBLISH_RETRY = True
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
# Own queues, so a burst of one kind of work never holds up another: matching runs and shortlist
# updates, emails, and the rest. A worker started without -Q consumes all three (tests, a one-worker
# stack); the Procfile and docker-compose.yml give matching its own, scalable workers.
CELERY_TASK_QUEUES = (Queue("matching"), Queue("email"), Queue("default"))
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_ROUTES = {
    "matching.tasks.*": {"queue": "matching"},
    "accounts.tasks.*": {"queue": "email"},
}
CELERY_BEAT_SCHEDULE = {
    "accounts-send-pending-emails": {"task": "accounts.tasks.send_pending_emails", "schedule": 60.0},
    # Every 15 s: a killed worker's run is re-sent about a minute after its last heartbeat.
    "matching-requeue-pending": {"task": "matching.tasks.requeue_pending_matching", "schedule": 15.0},
    # Unread messages, one email per conversation and recipient per quarter hour at most.
    "matching-message-digests": {"task": "matching.tasks.send_message_digests", "schedule": 60.0},
    # Weekly per engagement (the service skips those asked this week); hourly so a down beat catches up.
    "matching-open-checkins": {"task": "matching.tasks.open_checkins", "schedule": 3600.0},
    # Invitations unanswered for two weeks expire (matching.services.invitations_expire).
    "matching-expire-invitations": {"task": "matching.tasks.expire_invitations", "schedule": 3600.0},
    "vetting-expire-stale": {"task": "vetting.tasks.expire_stale", "schedule": 300.0},
    # Just after midnight: exchange rates dated for the new day come into force.
    "profiles-apply-exchange-rates": {
        "task": "profiles.tasks.apply_exchange_rates",
        "schedule": crontab(hour=0, minute=5),
    },
}

# --- Security ---------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if not DEBUG:
    SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
    CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
# Scripts only from our own static files: no inline scripts, no CDN.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
