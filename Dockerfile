# syntax=docker/dockerfile:1
# Production image of the loket portal. One image serves every role: docker-compose.yml runs
# it as `web` (gunicorn, the default command below), `worker` and `beat` (Celery) and the
# one-shot `migrate`. Configuration comes from the environment at run time (see .env.example);
# nothing secret is baked into the image.
FROM python:3.11-slim-bookworm

# STATIC_ROOT and MEDIA_ROOT are paths inside the image, not secrets: collectstatic fills
# STATIC_ROOT at build time and whitenoise serves it at run time, so both must agree.
# WEB_CONCURRENCY is gunicorn's worker count; to change it per host, set it in the web
# service's environment (about 2 x CPU cores + 1; report PDFs render in the Celery worker).
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PYTHONPATH=/app \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_ROOT_USER_ACTION=ignore \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/app/media \
    PRIVATE_MEDIA_ROOT=/app/private \
    WEB_CONCURRENCY=3

# WeasyPrint loads Pango (and through it HarfBuzz, FreeType, fontconfig) at run time; it
# subsets fonts with HarfBuzz-Subset and needs at least one font family installed.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz-subset0 \
        fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 loket \
    && useradd --system --uid 10001 --gid loket --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin loket

WORKDIR /app

# Dependencies in their own layer, rebuilt only when pyproject.toml changes: `pip install .`
# on pyproject.toml alone installs every runtime dependency (no dev extras). The project's
# own copy in site-packages is removed again: the code runs from /app (PYTHONPATH), because
# BASE_DIR must be the source tree, where templates/, static/ and locale/ live.
COPY pyproject.toml ./
RUN pip install . \
    && pip uninstall --yes loket \
    && rm -rf build ./*.egg-info

COPY . .

# collectstatic must run with DEBUG off (the manifest storage whitenoise serves at run time),
# so the production guard in settings needs plausible values. These dummies exist only for
# this RUN line; nothing connects to the database or Redis here. The media directory is
# created for the non-root user so a fresh named volume mounted there inherits its owner.
RUN DJANGO_DEBUG=false \
    DJANGO_SECRET_KEY=build-time-dummy-for-collectstatic-only-never-used-at-run-time \
    DJANGO_ALLOWED_HOSTS=build.invalid \
    DATABASE_URL=postgres://build@build.invalid:5432/build \
    REDIS_URL=redis://build.invalid:6379/0 \
    python manage.py collectstatic --noinput \
    && python -m compileall -q loket regio kandidaten opleidingsscholen \
    && mkdir -p "$MEDIA_ROOT" "$PRIVATE_MEDIA_ROOT" \
    && chown loket:loket "$MEDIA_ROOT" "$PRIVATE_MEDIA_ROOT"

USER loket

EXPOSE 8000

# No HEALTHCHECK here: worker, beat and migrate run this image too and serve no HTTP.
# docker-compose.yml gives each long-running service its own health check.
# Worker heartbeats go to memory (/dev/shm), not the overlay filesystem; gunicorn's control
# socket (for gunicornc) is off, as it would be created under the read-only home directory.
CMD ["gunicorn", "loket.wsgi:application", "--bind", "0.0.0.0:8000", "--worker-tmp-dir", "/dev/shm", "--no-control-socket", "--access-logfile", "-"]
