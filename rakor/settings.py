"""Rakor settings: one file, driven by environment variables.

Development defaults are safe to run on a laptop (DEBUG on, SQLite, e-mails to the console).
Production sets DEBUG=0 and must then provide SECRET_KEY and ALLOWED_HOSTS; see docs/deployment.md.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if DEBUG:
    SECRET_KEY = SECRET_KEY or "django-insecure-development-only-key-do-not-use-in-production"
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]
else:
    if not SECRET_KEY:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. With DEBUG off Rakor refuses to start without it: "
            "set SECRET_KEY to a long random value (see docs/deployment.md)."
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "ALLOWED_HOSTS is not set. With DEBUG off Rakor refuses to start without it: "
            "set ALLOWED_HOSTS to the comma-separated host names the site is served under."
        )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "csp",
    "rules",
    "django_htmx",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "rakor",
    "documents",
    "agencies",
    "meetings",
    "minutes",
    "programs",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Public downloads of issued documents skip the rest of the stack (documents/middleware.py).
    "documents.middleware.PublicDownloadMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After auth and locale, so its 400 page renders like every other page.
    "rakor.middleware.RejectControlCharactersMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Axes must come last: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "rakor.urls"
WSGI_APPLICATION = "rakor.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "rakor.context_processors.user_roles",
            ],
        },
    },
]

# Database: SQLite is the zero-setup default; PostgreSQL (DATABASE_URL) is the system of record.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(env("CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Every permission is a rules predicate (rakor/permissions.py); no model permissions are granted.
    "rules.permissions.ObjectPermissionBackend",
    "rakor.permissions.LoginBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Login lock-out (django-axes): five failures for one user name from one address lock it for an hour.
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_RESET_ON_SUCCESS = True

# Internationalisation: Indonesian first, English second; WITA.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Makassar"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["rakor.formats"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000

# E-mail: the console in development, SMTP when EMAIL_HOST is set.
EMAIL_HOST = env("EMAIL_HOST", "")
EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = int(env("EMAIL_PORT", "587"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Rakor <rakor@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work (django-tasks): immediate in development and tests, the database queue
# (worked by `manage.py db_worker`) in production.
TASKS = {
    "default": {
        "BACKEND": env(
            "TASKS_BACKEND",
            "django_tasks.backends.immediate.ImmediateBackend"
            if DEBUG
            else "django_tasks_db.DatabaseBackend",
        )
    }
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Content-Security-Policy: no inline scripts or styles, everything served from our own origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'", "blob:"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Cookies and transport security; everything secure once DEBUG is off.
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Behind nginx or a load balancer: trust their X-Forwarded-Proto for HTTPS and take the client's
# address from X-Forwarded-For (rakor/clientip.py), so lock-outs and rate limits count visitors, not
# the proxy. PROXY_COUNT is how many proxies we run in front of the app (nginx alone: 1).
RAKOR_PROXY_COUNT = int(env("PROXY_COUNT", "1")) if env_bool("BEHIND_PROXY", False) else 0
if RAKOR_PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
AXES_CLIENT_IP_CALLABLE = "rakor.clientip.client_ip"

# The cache holds rate-limit counters and rendered PDFs: with several app servers it must be shared
# (REDIS_URL, needs `pip install -e ".[scale]"`); one process can keep it in memory.
# The cache holds rate-limit counters, so every worker process must share it: the database cache
# by default (one machine, several gunicorn workers; `createcachetable` runs with `make migrate`),
# Redis when REDIS_URL is set (several machines).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache"
        if env("REDIS_URL")
        else "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": env("REDIS_URL", "rakor_cache"),
        "KEY_PREFIX": "rakor",
    }
}
if not env("REDIS_URL"):
    # The database cache deletes a third of its rows whenever it holds more than MAX_ENTRIES (300 by
    # default): too few once public pages, PDFs and .ics are kept per version and language, so
    # they would be culled and rendered again. (Redis takes no such option; it evicts by memory.)
    CACHES["default"]["OPTIONS"] = {"MAX_ENTRIES": int(env("CACHE_MAX_ENTRIES", "10000"))}

# Uploads (assignment letters, logos, materials) on S3-compatible storage, for several app servers
# that cannot share a disk (django-storages, `pip install -e ".[scale]"`). Credentials come from
# AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY in the environment. Files stay private: the app serves
# them to those allowed, through signed URLs or by streaming.
if env("MEDIA_S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("MEDIA_S3_BUCKET"),
            "endpoint_url": env("MEDIA_S3_ENDPOINT_URL") or None,
            "region_name": env("MEDIA_S3_REGION") or None,
            "location": env("MEDIA_S3_PREFIX", "media"),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
    # Pages show logos straight from the bucket (signed URLs): the CSP must allow its origin.
    _media_origin = env("MEDIA_S3_ORIGIN") or env("MEDIA_S3_ENDPOINT_URL") or (
        f"https://{env('MEDIA_S3_BUCKET')}.s3.amazonaws.com"
    )
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(_media_origin.rstrip("/"))

# Paper size for printed documents: A4 by default; F4 as a setting (see DOCUMENTS.md).
RAKOR_PAPER_SIZE = env("RAKOR_PAPER_SIZE", "A4")
# The city printed before a letter's date ("Samarinda, 24 April 2018").
RAKOR_LETTER_PLACE = env("RAKOR_LETTER_PLACE", "Samarinda")
# Absolute links in e-mails sent outside a request (waiting-list promotion, reminders).
RAKOR_SITE_URL = env("RAKOR_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Assignment letters (personal data) live outside MEDIA_ROOT and are served only through checked views.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private")))
# Public POSTs (registration, self check-in) per client address: (requests, seconds).
RAKOR_PUBLIC_POST_RATE = (int(env("RAKOR_PUBLIC_POST_LIMIT", "20")), 60)
# Password reset requests per address per hour (and public POSTs per client address, above).
RAKOR_PASSWORD_RESET_RATE = (int(env("RAKOR_PASSWORD_RESET_LIMIT", "3")), 3600)
RAKOR_MATERIAL_MAX_BYTES = int(env("RAKOR_MATERIAL_MAX_BYTES", str(20 * 1024 * 1024)))

# Issued documents (documents/): the PKCS#12 certificate that signs them (PAdES). Unset, the
# self-signed demo certificate that `manage.py make_demo_certificate` writes is used, and documents
# say they carry a demo signature. The demo file sits beside, not inside, PRIVATE_MEDIA_ROOT.
RAKOR_SIGNING_P12 = env("RAKOR_SIGNING_P12", "")
RAKOR_SIGNING_PASSPHRASE = env("RAKOR_SIGNING_PASSPHRASE", "")
RAKOR_SIGNING_DEMO_P12 = Path(env("RAKOR_SIGNING_DEMO_P12", str(BASE_DIR / "private" / "demo-signing.p12")))
# Largest PDF the public verification page hashes.
RAKOR_VERIFY_MAX_BYTES = int(env("RAKOR_VERIFY_MAX_BYTES", str(20 * 1024 * 1024)))
# Public verification requests (code look-ups and uploads) per client address: (requests, seconds).
RAKOR_VERIFY_RATE = (int(env("RAKOR_VERIFY_LIMIT", "30")), 60)
# Let the web server send stored documents: "X-Accel-Redirect" (nginx, with RAKOR_SENDFILE_PREFIX
# naming its internal location, e.g. /protected/) or "X-Sendfile" (Apache); empty: Django streams.
RAKOR_SENDFILE_HEADER = env("RAKOR_SENDFILE_HEADER", "")
RAKOR_SENDFILE_PREFIX = env("RAKOR_SENDFILE_PREFIX", "/protected/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}
