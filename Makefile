# Two commands on a fresh machine: `make extract` and `make test`. The first creates .venv.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
CORPUS ?= corpus
OUT ?= outputs
GOLD ?= tests/gold/seed_gold.jsonl
FACTS_CORPUS ?= tests/deals/corpus
FACTS_GOLD ?= tests/deals/gold.jsonl
MODEL ?=
WORKERS ?=
ENGINE ?=
SCHEDULER ?=
# Options passed on only when set: `make extract WORKERS=2 ENGINE=dask`.
RUN_ARGS := $(if $(MODEL),--model $(MODEL),) $(if $(WORKERS),--workers $(WORKERS),) \
	$(if $(ENGINE),--engine $(ENGINE),) $(if $(SCHEDULER),--scheduler $(SCHEDULER),)
STAMP := $(VENV)/.installed

.PHONY: help extract test eval facts-eval bench report notebook clean venv

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'
	@echo "  variables: CORPUS=$(CORPUS) OUT=$(OUT) GOLD=$(GOLD) MODEL=<installed spaCy model>"
	@echo "             WORKERS=<processes> ENGINE=local|dask SCHEDULER=<address> DETAILS=1 (eval)"
	@echo "             MEMORY=1 SCALING=1 (bench)"

venv: $(STAMP) ## create .venv and install the pinned dependencies

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

extract: $(STAMP) ## extract CORPUS into OUT/claims.parquet, articles, facts and deals.parquet
	$(PY) -m pipeline extract --corpus $(CORPUS) --out $(OUT) $(RUN_ARGS)

test: $(STAMP) ## run the test suite (real model, real files, real Parquet)
	$(PY) -m pytest -q

eval: $(STAMP) ## score CORPUS against GOLD: precision, recall, F1, attribute accuracy
	$(PY) -m pipeline eval --corpus $(CORPUS) --gold $(GOLD) $(RUN_ARGS) $(if $(DETAILS),--details,)

facts-eval: $(STAMP) ## score fact linking pairwise: FACTS_CORPUS against FACTS_GOLD (tests/deals)
	$(PY) -m pipeline.facts.score --corpus $(FACTS_CORPUS) --gold $(FACTS_GOLD)

report: $(STAMP) ## write OUT/report.html and OUT/figures/*.png from the outputs of `make extract`
	$(PY) -m pipeline report --out $(OUT)

bench: $(STAMP) ## throughput and memory ratios on CORPUS (see README "Performance")
	$(PY) -m pipeline.bench --corpus $(CORPUS) --workers $(or $(WORKERS),2) $(if $(MEMORY),--memory,) \
		$(if $(SCALING),--scaling,) $(if $(MODEL),--model $(MODEL),)

notebook: $(STAMP) ## run notebooks/explore.ipynb on OUT: OUT/explore.ipynb, with its results
	@test -f $(OUT)/claims.parquet || { echo "error: no outputs in $(OUT): run make extract first" >&2; exit 2; }
	CLAIMS_OUT=$(abspath $(OUT)) $(PY) -m jupyter nbconvert --to notebook --execute \
		--output-dir $(OUT) notebooks/explore.ipynb

clean: ## remove generated outputs (keeps .venv)
	rm -rf $(OUT)/*.parquet $(OUT)/columns.csv $(OUT)/report.html $(OUT)/figures
