"""Settings, all read from the environment; see .env.example for every variable."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from nhiemvu.env import env_bool, env_int, env_list, env_str, secret_key

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("NHIEMVU_DATA_DIR", "var")).resolve()

SECRET_KEY = secret_key(DATA_DIR)
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "huey.contrib.djhuey",
    "django_htmx",
    "axes",
    "nhiemvu.workdays",
    "nhiemvu.units",
    "nhiemvu.accounts",
    "nhiemvu.directives",
    "nhiemvu.tracking",
    "nhiemvu.importing",
    "nhiemvu.reports",
    "nhiemvu.demo",
    "nhiemvu.web",
    "nhiemvu.audit",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Vietnamese unless the user chose otherwise: the browser's Accept-Language is ignored.
    "nhiemvu.web.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "nhiemvu.audit.middleware.CurrentRequestMiddleware",
    # Last, as django-axes asks: turns a lock-out into our Vietnamese page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "nhiemvu.urls"
WSGI_APPLICATION = "nhiemvu.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# SQLite file in the data dir by default (zero set-up); PostgreSQL via DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'nhiemvu.sqlite3'}"),
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # JIT compilation costs more than it saves on report-sized queries (bench/README.md).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets the web process read while the worker writes.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# Passwords: Django's checks with Vietnamese messages, 12 characters, no Vietnamese commonplaces.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "nhiemvu.accounts.passwords.UserAttributeSimilarityValidator"},
    {"NAME": "nhiemvu.accounts.passwords.MinimumLengthValidator"},
    {"NAME": "nhiemvu.accounts.passwords.CommonPasswordValidator"},
    {"NAME": "nhiemvu.accounts.passwords.NumericPasswordValidator"},
    {"NAME": "nhiemvu.accounts.passwords.VietnameseCommonPasswordValidator"},
]
# django-axes first: it refuses a locked-out user or address before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Lock-out after repeated failed logins, by username and, separately, by address (site and admin).
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
# The cool-off counts from the last failure that was checked, not from each refused attempt.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Successful logins are kept in the security audit (nhiemvu.audit), not a second time by axes.
AXES_DISABLE_ACCESS_LOG = True
AXES_LOCKOUT_CALLABLE = "nhiemvu.web.views.locked_out"
# Where a client's address is read (the same for the lock-out and the audit): REMOTE_ADDR, or
# with PROXY_COUNT reverse proxies in front, the address the outermost one saw.
AXES_CLIENT_IP_CALLABLE = "nhiemvu.audit.client.client_ip"
PROXY_COUNT = env_int("PROXY_COUNT", 0)

# Sessions end after SESSION_IDLE_HOURS without a request, and when the browser closes unless
# the user ticked "Ghi nhớ đăng nhập" (web.views.LoginView).
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_HOURS", 8) * 3600
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# dd/mm/yyyy in and out, for every language (the list lives in nhiemvu/dates.py).
FORMAT_MODULE_PATH = ["nhiemvu.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "media/"
MEDIA_ROOT = DATA_DIR / "media"

SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# Background jobs: huey on a SQLite file by default, Redis when REDIS_URL is set.
REDIS_URL = env_str("REDIS_URL")
HUEY_NAME = env_str("HUEY_NAME", "nhiemvu")
if REDIS_URL:
    HUEY = {"huey_class": "huey.RedisHuey", "name": HUEY_NAME, "url": REDIS_URL}
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": HUEY_NAME,
        "filename": str(DATA_DIR / "huey.sqlite3"),
    }
# Explicit: djhuey would otherwise run jobs inside the web process whenever DEBUG is on.
HUEY["immediate"] = env_bool("HUEY_IMMEDIATE", False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
