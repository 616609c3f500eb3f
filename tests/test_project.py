"""Project housekeeping: dependencies agree, notebooks carry no outputs, the example is reproducible."""

import importlib.util
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from workbook.core import paths

ROOT = paths.PROJECT_DIR


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_names_the_same_packages_as_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = {_name(r): r for r in project["dependencies"] + project["optional-dependencies"]["test"]}
    conda = yaml.safe_load((ROOT / "environment.yml").read_text())["dependencies"]
    pip = [r for entry in conda if isinstance(entry, dict) for r in entry.get("pip", [])]
    listed = {_name(r): r.split("#")[0].strip() for r in conda + pip
              if isinstance(r, str) and _name(r) not in ("python", "pip")}
    assert set(listed) == set(declared)
    for name, requirement in declared.items():  # same lower bounds too
        assert requirement.replace(" ", "") == listed[name].replace(" ", ""), name


def test_notebooks_are_committed_without_outputs():
    for path in paths.NOTEBOOKS_DIR.glob("*.ipynb"):
        notebook = json.loads(path.read_text())
        for cell in notebook["cells"]:
            if cell["cell_type"] == "code":
                assert cell["outputs"] == [] and cell["execution_count"] is None, path.name


def test_every_notebook_has_a_parameters_cell():
    for name in paths.NOTEBOOKS:
        cells = json.loads((paths.NOTEBOOKS_DIR / name).read_text())["cells"]
        assert any("parameters" in c.get("metadata", {}).get("tags", []) for c in cells), name


def test_the_example_generator_reproduces_the_committed_data(tmp_path):
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        spec = importlib.util.spec_from_file_location("make_example", ROOT / "scripts" / "make_example.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.main(tmp_path)
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    written = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    committed = sorted(p.relative_to(paths.EXAMPLE_ENGAGEMENT)
                       for p in paths.EXAMPLE_ENGAGEMENT.rglob("*") if p.is_file())
    assert written == committed
    for path in written:
        assert (tmp_path / path).read_bytes() == (paths.EXAMPLE_ENGAGEMENT / path).read_bytes(), path


def _git(*args, **kwargs):
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, **kwargs)


def test_committed_notebooks_are_what_nbstripout_makes_of_them():
    # So a clean notebook never shows as changed, and the filter keeps cell ids (small diffs).
    for path in paths.NOTEBOOKS_DIR.glob("*.ipynb"):
        text = path.read_text(encoding="utf-8")
        run = subprocess.run([sys.executable, "-m", "nbstripout", "--keep-id", "-t"], input=text,
                             capture_output=True, text=True, check=True)
        assert run.stdout == text, path.name


def test_git_strips_outputs_from_notebooks_when_they_are_added(tmp_path):
    if _git("rev-parse", "--is-inside-work-tree").stdout.strip() != "true":
        pytest.skip("not a git work tree")
    name = "notebooks/02_partner_scoring.ipynb"
    assert _git("check-attr", "filter", "--", name).stdout.strip() == f"{name}: filter: nbstripout"
    assert "nbstripout --keep-id" in _git("config", "--get", "filter.nbstripout.clean").stdout, \
        "the nbstripout filter is not configured: run `make install`"
    notebook = json.loads((ROOT / name).read_text())
    for n, cell in enumerate(c for c in notebook["cells"] if c["cell_type"] == "code"):
        cell["execution_count"] = n + 1
        cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": ["secret figures\n"]}]
    notebook["metadata"]["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    executed = tmp_path / "executed.ipynb"
    executed.write_text(json.dumps(notebook, indent=1))
    # git hash-object --path applies the clean filter, as `git add` does.
    assert _git("hash-object", f"--path={name}", str(executed)).stdout == \
        _git("hash-object", f"--path={name}", name).stdout


def test_the_benchmark_and_scripts_compile():
    """`make bench` is not run by CI; a broken import line in it must still fail the tests."""
    import py_compile
    for path in [ROOT / "benchmarks" / "bench.py", *sorted((ROOT / "scripts").glob("*.py"))]:
        py_compile.compile(str(path), doraise=True)
