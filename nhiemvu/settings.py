"""Settings, all read from the environment; see .env.example for every variable."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from nhiemvu.env import env_bool, env_day_of_month, env_int, env_list, env_str, secret_key
from nhiemvu.private_files import make_private

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("NHIEMVU_DATA_DIR", "var")).resolve()

make_private(DATA_DIR)  # 0700 before anything is written into it (finding 13)
SECRET_KEY = secret_key(DATA_DIR)
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "nhiemvu.adminsite.AdminConfig",  # django.contrib.admin with our AdminSite
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "huey.contrib.djhuey",
    "django_htmx",
    "nhiemvu.audit.apps.LoginLockoutConfig",  # django-axes
    "nhiemvu.workdays",
    "nhiemvu.units",
    "nhiemvu.accounts",
    "nhiemvu.directives",
    "nhiemvu.tracking",
    "nhiemvu.importing",
    "nhiemvu.reports",
    "nhiemvu.demo",
    "nhiemvu.administration",
    "nhiemvu.web",
    "nhiemvu.dashboard",
    "nhiemvu.urging",
    "nhiemvu.compliance",
    "nhiemvu.audit",
    "nhiemvu.reminders",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # --- security headers and busy database (issue 12, findings 6 and 13) ---
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "nhiemvu.middleware.NoStoreForUsersMiddleware",
    "nhiemvu.middleware.DatabaseBusyMiddleware",
    # --- end ---
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Vietnamese unless the user chose otherwise: the browser's Accept-Language is ignored.
    "nhiemvu.web.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "nhiemvu.web.middleware.IdleSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "nhiemvu.web.middleware.SignInAgainMiddleware",
    "nhiemvu.audit.middleware.CurrentRequestMiddleware",
    # Last, as django-axes asks: turns a lock-out into our Vietnamese page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "nhiemvu.urls"
FORM_RENDERER = "nhiemvu.forms.FormRenderer"
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
        # Seconds a writer waits for another's lock (an import) before "database is locked",
        # which nhiemvu.middleware then answers with a "try again" page.
        "timeout": env_int("SQLITE_BUSY_TIMEOUT", 20),
    }
    make_private(DATA_DIR, Path(DATABASES["default"]["NAME"]))
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
# the user ticked "Ghi nhớ đăng nhập" (web.views.LoginView). The end moves with the requests,
# at most every SESSION_REFRESH_SECONDS (web.middleware.IdleSessionMiddleware), not with a
# write of the session on every page view.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_HOURS", 8) * 3600
SESSION_REFRESH_SECONDS = 300
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
# The data directory is private (0700): in production collect the static files where the
# reverse proxy may read them.
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(DATA_DIR / "static"))).resolve()
# Import files: what one upload or command may hand the server (issue 12 #8).
IMPORT_MAX_FILE_BYTES = env_int("IMPORT_MAX_FILE_MB", 20) * 1024 * 1024
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 50_000)
# The task list's .xlsx export: a larger list is refused with a message asking to filter it.
TASK_EXPORT_MAX_ROWS = env_int("TASK_EXPORT_MAX_ROWS", 20_000)
# The place in the date line of a letterhead ("Kon Tum, ngày 03 tháng 7 năm 2019", Decree
# 30/2020/NĐ-CP appendix I) for a unit under no People's Committee in the unit tree (a ministry);
# the others write their province's, district's or commune's name (reports.letterhead.place_of).
PLACE_NAME = env_str("NHIEMVU_PLACE_NAME", "Kon Tum")
# The most table rows a report's PDF has: LibreOffice lays out a long table in time growing
# with the square of its rows (reports.writers.pdf_file); larger reports are offered as .docx.
PDF_MAX_ROWS = env_int("PDF_MAX_ROWS", 1000)
# Uploads live in the data dir and are served only by directives.views.attachment_download,
# which checks the user may see the file's directive.
MEDIA_URL = "/tep-dinh-kem/"
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
    make_private(DATA_DIR, Path(HUEY["filename"]))
# Explicit: djhuey would otherwise run jobs inside the web process whenever DEBUG is on.
HUEY["immediate"] = env_bool("HUEY_IMMEDIATE", False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# --- Security and production controls (issue 12, findings 1, 13) ---------------------------
# HTTPS: behind a reverse proxy that ends TLS, set SECURE_PROXY_SSL_HEADER=true so Django
# trusts its X-Forwarded-Proto (only if the proxy always sets or strips that header).
# SECURE_COOKIES=true (HTTPS in production) turns on the redirect and a year of HSTS, for
# subdomains and with the preload flag (`check --deploy` warns otherwise); each is its own
# variable too. The preload flag alone puts nobody on browsers' lists: that needs a submission.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", SESSION_COOKIE_SECURE)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if SESSION_COOKIE_SECURE else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", SESSION_COOKIE_SECURE)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", SESSION_COOKIE_SECURE)
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"
# Our pages load nothing from outside and run no inline script or style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],  # Bootstrap's CSS draws its icons as data: SVGs
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# No page of ours uses the camera, microphone, location, payment or similar browser features.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}
# Files: private to the service's account (data dir 0700, files 0600).
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_MB", 20) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024  # form fields; files are capped by UPLOAD_MAX_BYTES
# How a checked download is sent: "django" (FileResponse), "x-accel" (nginx: an internal
# location X_ACCEL_LOCATION aliased to MEDIA_ROOT) or "x-sendfile" (Apache mod_xsendfile).
FILE_SENDING = env_str("FILE_SENDING", "django")
if FILE_SENDING not in {"django", "x-accel", "x-sendfile"}:
    raise ImproperlyConfigured(f"FILE_SENDING must be django, x-accel or x-sendfile, not {FILE_SENDING!r}")
X_ACCEL_LOCATION = env_str("X_ACCEL_LOCATION", "/protected-media/")
# Seed 004 art. 5.2: bodies that keep the secret register on paper only turn it off.
SECRET_REGISTER_ENABLED = env_bool("SECRET_REGISTER_ENABLED", True)
# --- end of security and production controls ----------------------------------------------

# Report periods (nhiemvu.reports.periods): "calendar" months and years, or "decree09", the
# cut-off of Decree 09/2019/NĐ-CP art. 12 (a month from the 15th of the month before to the
# 14th). Calendar periods stay available in every report either way.
REPORT_PERIOD_CUTOFF = env_str("REPORT_PERIOD_CUTOFF", "calendar")
if REPORT_PERIOD_CUTOFF not in {"calendar", "decree09"}:
    raise ImproperlyConfigured(
        f"REPORT_PERIOD_CUTOFF must be calendar or decree09, not {REPORT_PERIOD_CUTOFF!r}"
    )

# The periodic reports units send the office on their tasks (nhiemvu.compliance, seed 000
# appendix 03): the day of the year each is due, dd/mm. Defaults: seed 003 art. 20.2 (10 June
# for the half year, 10 December for the year). A province following seed 004 art. 10.1 for
# the Government's tasks ("before 20 June", "before 20 November") sets 19/06 and 19/11.
HALF_YEAR_REPORT_DUE = env_str("HALF_YEAR_REPORT_DUE", "10/06")
YEAR_REPORT_DUE = env_str("YEAR_REPORT_DUE", "10/12")

# E-mail (the password-setting links of `nhiemvu import-users`); links start with SITE_URL.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
# SMTP with Django's own names; without EMAIL_HOST (the embedded default) every mail is
# written as a file into DATA_DIR/mail instead of being sent.
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.filebased.EmailBackend",
)
EMAIL_FILE_PATH = DATA_DIR / "mail"
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "nhiemvu@localhost")

# Reminders (nhiemvu/reminders): the numbers of their rules, in working days.
REMINDER_DUE_SOON_WORKING_DAYS = env_int("REMINDER_DUE_SOON_WORKING_DAYS", 3)
# No seed sets a time to accept a new task: this deployment's choice (reminders/rules.py).
REMINDER_ACCEPT_WORKING_DAYS = env_int("REMINDER_ACCEPT_WORKING_DAYS", 2)
# Before the monthly update of the 19th (seed 003 art. 20.1).
REMINDER_MONTHLY_LEAD_WORKING_DAYS = env_int("REMINDER_MONTHLY_LEAD_WORKING_DAYS", 3)
# The periodic reports, "DD/MM,DD/MM": seed 004 art. 10.1 (quarters, 6 months on 20/06, the
# year on 20/11) for the Government's tasks; a department's report (seed 003 art. 20.2) is
# due on the days the compliance register judges it by, set once above.
REMINDER_REPORT_DATES = {
    "government": env_str("REMINDER_REPORT_DATES_GOVERNMENT", "20/03,20/06,20/09,20/11,20/12"),
    "department": f"{HALF_YEAR_REPORT_DUE},{YEAR_REPORT_DUE}",
}
REMINDER_REPORT_LEAD_WORKING_DAYS = env_int("REMINDER_REPORT_LEAD_WORKING_DAYS", 5)
REMINDER_ITEMS_PER_RULE = env_int("REMINDER_ITEMS_PER_RULE", 10)
# Delivery: a claimed row is taken over after the lease; failures retry with a doubling wait.
REMINDER_CLAIM_LEASE_SECONDS = env_int("REMINDER_CLAIM_LEASE_SECONDS", 300)
REMINDER_MAX_ATTEMPTS = env_int("REMINDER_MAX_ATTEMPTS", 5)
REMINDER_RETRY_BASE_SECONDS = env_int("REMINDER_RETRY_BASE_SECONDS", 60)
# A gateway for SMS / Zalo: each digest POSTed as JSON, signed with HMAC-SHA256.
REMINDER_WEBHOOK_URL = env_str("REMINDER_WEBHOOK_URL")
REMINDER_WEBHOOK_SECRET = env_str("REMINDER_WEBHOOK_SECRET")
if REMINDER_WEBHOOK_URL and not REMINDER_WEBHOOK_SECRET:
    raise ImproperlyConfigured("REMINDER_WEBHOOK_URL needs REMINDER_WEBHOOK_SECRET to sign what it sends")

# The system's monthly urging of units with overdue tasks (nhiemvu/urging/scheduled.py): it
# goes out on the first working day on or after this day of each month, 1-28; 0 or empty:
# never. Default the 20th: the first working day after the units' monthly update, due by
# the 19th (seed 003 art. 20.1), when what is still overdue is overdue indeed.
URGING_LETTER_DAY = env_day_of_month("URGING_LETTER_DAY", 20)
