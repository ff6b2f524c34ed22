# Two commands on a fresh machine with Python 3.11+, git and make:
#   make run    -> creates .venv if needed, installs, renders the briefs of every site
#   make test   -> same bootstrap, then the test suite (what CI runs)
# and, while editing, `make check`: the tests that start no kernel, in under a minute.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SITE   ?= concorde
STAMP  := $(VENV)/.installed

.PHONY: run run-site test check validate lint bench lab lab-setup clean

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/qsp run --all-sites

run-site: $(STAMP)
	$(BIN)/qsp run --site $(SITE)

validate: $(STAMP)
	$(BIN)/qsp validate --all-sites

# Markers (pyproject.toml): notebooks = executes the analysis notebooks (each once per site,
# through one shared `qsp run --all-sites`), engine = real kernels through the runner on
# fixture notebooks, browser = headless Chromium. Tests run on every core (pytest-xdist;
# the shared runs of tests/conftest.py happen once, whichever worker asks first).
PYTEST := $(BIN)/python -m pytest -n auto

test: $(STAMP)
	$(PYTEST)

# Unit, schema and engine tests that need no kernel (the engine's fixture notebooks go
# through the fake worker of tests/fake_worker.py).
check: $(STAMP)
	$(PYTEST) -m "not notebooks and not engine and not browser"

lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_runner.py
	$(BIN)/python benchmarks/bench_pv.py
	$(BIN)/python benchmarks/bench_climatology.py
	$(BIN)/python benchmarks/bench_ghg.py

# JupyterLab + git set up for notebooks. .gitattributes routes *.ipynb through nbstripout
# (outputs and execution counts removed when a notebook is staged) and nbdime (git diff and
# git merge cell by cell); these two commands define those drivers in the repository's
# .git/config (nbstripout also adds a `diff.ipynb` driver, unused as .gitattributes wins).
lab-setup: $(STAMP)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev,lab]'
	$(BIN)/nbstripout --install --attributes .gitattributes
	$(BIN)/nbdime config-git --enable

lab: lab-setup
	cd notebooks && ../$(BIN)/jupyter lab

clean:
	rm -rf outputs/*/
