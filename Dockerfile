# PeaceKB: the API with its seeded knowledge base. The database lives on the /data volume; an empty one is
# migrated and seeded on first start (a non-empty one is only migrated).
#
# Two stages: the first installs the dependencies into a virtualenv, a layer rebuilt only when pyproject.toml
# changes; the second is the slim runtime — the virtualenv, the code, no pip cache, no build leftovers.

FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PATH=/opt/venv/bin:$PATH
WORKDIR /srv/peacekb
RUN python -m venv /opt/venv
COPY pyproject.toml README.md ./
# Dependencies only (an empty package stands in for the code), so that editing the code keeps this layer.
RUN mkdir app && touch app/__init__.py && pip install . && pip uninstall -y peacekb && rm -rf app build
COPY app ./app
# The code stays in /srv/peacekb, where it finds alembic.ini, migrations/ and seed_data/ next to it.
RUN pip install --no-deps -e . && find /opt/venv -name __pycache__ -prune -exec rm -rf {} +

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/venv/bin:$PATH \
    PEACEKB_DATABASE_URL=sqlite:////data/peacekb.db

RUN useradd --system --uid 10001 --home-dir /srv/peacekb --shell /usr/sbin/nologin peacekb \
    && mkdir /data && chown peacekb:peacekb /data
WORKDIR /srv/peacekb
COPY --from=build /opt/venv /opt/venv
COPY pyproject.toml README.md alembic.ini ./
COPY migrations ./migrations
COPY seed_data ./seed_data
COPY app ./app

USER peacekb
VOLUME ["/data"]
EXPOSE 8000
# First start migrates and seeds before the server listens: give it a minute before failures count.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=4).status != 200)"
CMD ["peacekb", "serve", "--host", "0.0.0.0", "--port", "8000"]
