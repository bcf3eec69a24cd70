# syntax=docker/dockerfile:1
# PeaceKB: the API with its seeded knowledge base. The database lives on the /data volume; an empty one is
# migrated and seeded on first start (a non-empty one is only migrated).
#
# The image runs the wheel, as pip or pipx would install it anywhere — not the checkout: the migrations, the
# seed and the static assets are inside the package. Three stages: the dependencies as wheels (a layer rebuilt
# only when pyproject.toml changes), the project's wheel, then the slim runtime — a virtualenv with both
# installed offline from those wheels, no pip, no source tree, no build leftovers.

FROM python:3.11-slim AS dependencies
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY pyproject.toml ./
# The requirements come from pyproject.toml itself (with the PostgreSQL driver, for PEACEKB_DATABASE_URL=postgresql…).
RUN python -c "import tomllib; p = tomllib.load(open('pyproject.toml', 'rb'))['project']; \
print('\n'.join(p['dependencies'] + p['optional-dependencies']['postgres']))" > requirements.txt \
    && pip wheel --wheel-dir /wheels -r requirements.txt

FROM dependencies AS build
COPY README.md ./
COPY app ./app
COPY migrations ./migrations
COPY seed_data ./seed_data
RUN pip wheel --no-deps --wheel-dir /wheels .

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PATH=/opt/venv/bin:$PATH \
    PEACEKB_DATABASE_URL=sqlite:////data/peacekb.db

# The wheels are mounted for this step only, so they take no room in the image; the base image's pip installs
# them, offline, into a virtualenv that has no pip of its own.
RUN --mount=type=bind,from=build,source=/wheels,target=/wheels \
    python -m venv --without-pip /opt/venv \
    && pip --python /opt/venv/bin/python install --no-compile --no-index --find-links /wheels "peacekb[postgres]" \
    && useradd --system --uid 10001 --home-dir /srv/peacekb --create-home --shell /usr/sbin/nologin peacekb \
    && mkdir /data && chown peacekb:peacekb /data
WORKDIR /srv/peacekb

USER peacekb
VOLUME ["/data"]
EXPOSE 8000
# First start migrates and seeds before the server listens: give it a minute before failures count.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=4).status != 200)"
CMD ["peacekb", "serve", "--host", "0.0.0.0", "--port", "8000"]
