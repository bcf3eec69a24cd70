# PeaceKB: the API with its seeded knowledge base. The database lives on the /data volume; an empty one is
# migrated and seeded on first start.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PEACEKB_DATABASE_URL=sqlite:////data/peacekb.db

RUN useradd --system --create-home --uid 10001 peacekb \
    && mkdir /data && chown peacekb /data
WORKDIR /srv/peacekb

COPY pyproject.toml README.md alembic.ini ./
COPY app ./app
COPY migrations ./migrations
COPY seed_data ./seed_data
RUN pip install -e .

USER peacekb
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s \
    CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/health').status != 200)"
CMD ["peacekb", "serve", "--host", "0.0.0.0", "--port", "8000"]
