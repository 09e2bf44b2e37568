# Paddock: `make run` serves the demo site, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed

# `make run` serves the site as production would (gunicorn with two worker processes, DEBUG
# off: real 404 page, hashed static files), with a secret key generated once into var/.
# `make dev` serves the same site with Django's auto-reloading development server, DEBUG on.
WORKERS ?= 2
SECRET_FILE := var/secret_key
SITE_ENV = SECRET_KEY="$$(cat $(SECRET_FILE))"

.PHONY: run dev test test-fast security install setup lint format messages bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

$(SECRET_FILE):
	mkdir -p var
	$(PY) -c "import secrets; print(secrets.token_urlsafe(50))" > $(SECRET_FILE)
	chmod 600 $(SECRET_FILE)

# Migrate, load the registry and the demo articles, create the demo editor; safe to repeat.
setup: install $(SECRET_FILE)
	$(SITE_ENV) $(PY) manage.py migrate --noinput
	$(SITE_ENV) $(PY) manage.py load_registry
	$(SITE_ENV) $(PY) manage.py load_demo
	$(SITE_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0

run: setup
	@echo "Paddock on http://127.0.0.1:$(PORT)/  (admin: http://127.0.0.1:$(PORT)/admin/)"
	$(SITE_ENV) $(VENV)/bin/gunicorn newsroom.wsgi --bind 127.0.0.1:$(PORT) \
	  --workers $(WORKERS) --access-logfile - --forwarded-allow-ips 127.0.0.1

dev: setup
	DEBUG=1 $(SITE_ENV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

# The whole suite; DATABASE_URL=postgres://… runs the same tests on PostgreSQL.
test: install
	$(PY) -m pytest

# The suite without the browser journeys, for quick local loops (CI runs everything).
test-fast: install
	$(PY) -m pytest -m "not e2e"

# The attack suite with the full payload lists (the suite samples them): the XSS sweep in
# Chromium, hostile values in every public address and admin form, 30 wrong passwords, ten
# editors at once, a killed import, a polyglot upload. It prints what it tried and found. The
# sweep is cut in 8 parts that run on every core (pytest-xdist; SECURITY_WORKERS=auto by
# default); SECURITY_PARTS=1-4 runs only those parts of it (and the rest of the suite).
SECURITY_WORKERS ?= auto
SECURITY_PARTS ?=
security: install
	PADDOCK_SECURITY_FULL=1 PADDOCK_SECURITY_PARTS=$(SECURITY_PARTS) \
		$(PY) -m pytest -m security -q -n $(SECURITY_WORKERS)

# Benchmarks print figures; they are not tests. Each run uses scratch databases: SQLite under
# var/bench/ and, when PostgreSQL answers on 127.0.0.1, a database named paddock_bench.
BENCH_FILES ?= 20000
BENCH_MEMORY_FILES ?= 100000
BENCH_SEARCH_ARTICLES ?= 100000
BENCH_SEARCH_SQLITE_ARTICLES ?= 20000
BENCH_PAGES_ARTICLES ?= 10000
BENCH_PG ?= postgres://postgres@127.0.0.1:5432/paddock_bench
# The load figures: two app servers behind nginx, with Redis (a database of the bench's own,
# emptied first) beside PostgreSQL.
BENCH_LOAD_CONNECTIONS ?= 64
BENCH_LOAD_SECONDS ?= 60
BENCH_REDIS ?= redis://127.0.0.1:6379/13
# DEBUG stays off: with it Django keeps the last 9,000 SQL statements, which skews memory.
BENCH = SECRET_KEY=bench-only-not-a-secret $(PY) manage.py

bench: install
	rm -rf var/bench && mkdir -p var/bench
	@echo "== importer on SQLite"
	DATABASE_URL=sqlite:///$(CURDIR)/var/bench/bench.sqlite3 sh -c '$(BENCH) migrate -v0 && $(BENCH) load_registry -v0 >/dev/null && $(BENCH) bench_import --files $(BENCH_FILES)'
	@if pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then \
	  echo "== importer on PostgreSQL"; \
	  psql -h 127.0.0.1 -U postgres -qc 'DROP DATABASE IF EXISTS paddock_bench' -c 'CREATE DATABASE paddock_bench' postgres && \
	  DATABASE_URL=$(BENCH_PG) sh -c '$(BENCH) migrate -v0 && $(BENCH) load_registry -v0 >/dev/null && $(BENCH) bench_import --files $(BENCH_FILES)' && \
	  psql -h 127.0.0.1 -U postgres -qc 'DROP DATABASE paddock_bench' postgres; \
	else echo "== PostgreSQL not reachable on 127.0.0.1:5432: skipped"; fi
	@echo "== link suggestions of the article form (SQLite)"
	DATABASE_URL=sqlite:///$(CURDIR)/var/bench/bench.sqlite3 $(BENCH) bench_suggestions --chars 10000
	@echo "== search on SQLite"
	DATABASE_URL=sqlite:///$(CURDIR)/var/bench/search.sqlite3 sh -c '$(BENCH) migrate -v0 && $(BENCH) load_registry -v0 >/dev/null && $(BENCH) bench_search --articles $(BENCH_SEARCH_SQLITE_ARTICLES)'
	@if pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then \
	  echo "== search on PostgreSQL"; \
	  psql -h 127.0.0.1 -U postgres -qc 'DROP DATABASE IF EXISTS paddock_bench' -c 'CREATE DATABASE paddock_bench' postgres && \
	  DATABASE_URL=$(BENCH_PG) sh -c '$(BENCH) migrate -v0 && $(BENCH) load_registry -v0 >/dev/null && $(BENCH) bench_search --articles $(BENCH_SEARCH_ARTICLES)' && \
	  psql -h 127.0.0.1 -U postgres -qc 'DROP DATABASE paddock_bench' postgres; \
	else echo "== PostgreSQL not reachable on 127.0.0.1:5432: skipped"; fi
	@echo "== public pages with nothing cached, then the cache after one publish ($(BENCH_PAGES_ARTICLES) articles, SQLite)"
	DATABASE_URL=sqlite:///$(CURDIR)/var/bench/pages.sqlite3 sh -c '$(BENCH) migrate -v0 && $(BENCH) load_registry -v0 >/dev/null && $(BENCH) bench_pages --articles $(BENCH_PAGES_ARTICLES) && $(BENCH) bench_cache'
	@if command -v wrk >/dev/null 2>&1; then \
	  echo "== $(BENCH_LOAD_CONNECTIONS) readers at once against two app servers behind nginx (SQLite, the embedded default)"; \
	  PADDOCK_VAR_DIR=$(CURDIR)/var/bench/site DATABASE_URL=sqlite:///$(CURDIR)/var/bench/pages.sqlite3 $(BENCH) bench_load --connections $(BENCH_LOAD_CONNECTIONS) --seconds $(BENCH_LOAD_SECONDS); \
	else echo "== wrk not installed (apt-get install wrk): the load figures are skipped"; fi
	@if pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then \
	  echo "== public pages with nothing cached, then the cache after one publish ($(BENCH_PAGES_ARTICLES) articles, PostgreSQL)"; \
	  psql -h 127.0.0.1 -U postgres -qc 'DROP DATABASE IF EXISTS paddock_bench' -c 'CREATE DATABASE paddock_bench' postgres && \
	  DATABASE_URL=$(BENCH_PG) sh -c '$(BENCH) migrate -v0 && $(BENCH) load_registry -v0 >/dev/null && $(BENCH) bench_pages --articles $(BENCH_PAGES_ARTICLES) && $(BENCH) bench_cache' && \
	  if command -v wrk >/dev/null 2>&1; then \
	    echo "== $(BENCH_LOAD_CONNECTIONS) readers at once against two app servers behind nginx (PostgreSQL, Redis)"; \
	    PADDOCK_VAR_DIR=$(CURDIR)/var/bench/site REDIS_URL=$(BENCH_REDIS) DATABASE_URL=$(BENCH_PG) $(BENCH) bench_load --connections $(BENCH_LOAD_CONNECTIONS) --seconds $(BENCH_LOAD_SECONDS); \
	  fi && \
	  psql -h 127.0.0.1 -U postgres -qc 'DROP DATABASE paddock_bench' postgres; \
	else echo "== PostgreSQL not reachable on 127.0.0.1:5432: skipped"; fi
	@if command -v varnishd >/dev/null 2>&1 || [ -x /usr/sbin/varnishd ]; then \
	  echo "== Varnish in front of gunicorn: hit ratio on a replayed reader mix, purge latency (SQLite)"; \
	  DATABASE_URL=sqlite:///$(CURDIR)/var/bench/pages.sqlite3 $(BENCH) bench_varnish; \
	else echo "== varnishd not installed (apt-get install varnish varnish-modules): skipped"; fi
	@echo "== peak memory for $(BENCH_MEMORY_FILES) texts (SQLite)"
	rm -f var/bench/memory.sqlite3
	DATABASE_URL=sqlite:///$(CURDIR)/var/bench/memory.sqlite3 sh -c '$(BENCH) migrate -v0 && $(BENCH) load_registry -v0 >/dev/null && $(BENCH) bench_import --files $(BENCH_MEMORY_FILES) --no-reimport'
	@echo "== linking and dates on the shared legacy samples"
	@if [ -d ../shared/legacy-samples ]; then \
	  DATABASE_URL=sqlite:///$(CURDIR)/var/bench/bench.sqlite3 $(BENCH) evaluate_import ../shared/legacy-samples; \
	else echo "../shared/legacy-samples not found: skipped"; fi

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# French is translated by hand (fill the new and fuzzy entries); English msgids are the English
# text, so the English catalogue is regenerated and completed with msgen (msgstr = msgid).
MESSAGES_IGNORE = --ignore '.venv/*' --ignore 'var/*' --ignore 'tests/*'
EN_PO := locale/en/LC_MESSAGES/django.po
messages: install
	DEBUG=1 $(PY) manage.py makemessages -l fr $(MESSAGES_IGNORE)
	rm -f $(EN_PO)
	DEBUG=1 $(PY) manage.py makemessages -l en $(MESSAGES_IGNORE)
	msgen -o $(EN_PO) $(EN_PO)
	DEBUG=1 $(PY) manage.py compilemessages --ignore '.venv/*'

clean:
	rm -rf $(VENV) var
