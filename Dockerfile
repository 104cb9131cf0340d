# Linli web, worker and beat image (Debian bookworm, as the development machines).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=config.settings.prod

# libpq-dev + gcc build psycopg2; Pango, HarfBuzz-subset and Noto CJK let WeasyPrint write Chinese PDFs;
# curl and procps serve the compose health checks.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      gcc libpq-dev libpq5 libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk curl procps \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
COPY config ./config
COPY governance ./governance
COPY households ./households
COPY residents ./residents
COPY services ./services
COPY safety ./safety
COPY reports ./reports
RUN pip install . && apt-get purge -y gcc && apt-get autoremove -y

COPY . .
# collectstatic needs a key to import the production settings; it is not used at run time.
RUN SECRET_KEY=build-only-key-not-used-at-runtime-0123456789abcdefghijklmn \
    python manage.py collectstatic --noinput

RUN useradd --create-home --uid 1000 linli && mkdir -p /app/media && chown linli /app/media
USER linli

EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "60", "--access-logfile", "-"]
