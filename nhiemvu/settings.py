"""Settings, all read from the environment; see .env.example for every variable."""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from nhiemvu.env import env_bool, env_list, env_str, secret_key

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
    "nhiemvu.workdays",
    "nhiemvu.units",
    "nhiemvu.accounts",
    "nhiemvu.directives",
    "nhiemvu.tracking",
    "nhiemvu.importing",
    "nhiemvu.reports",
    "nhiemvu.demo",
    "nhiemvu.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
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

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
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

# E-mail (the password-setting links of `nhiemvu import-users`); links start with SITE_URL.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "nhiemvu@localhost")
