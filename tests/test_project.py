"""Project housekeeping: dependencies agree, notebooks carry no outputs, the example is reproducible."""

import importlib.util
import json
import re
import sys
import tomllib
from pathlib import Path

import yaml

from workbook import config

ROOT = config.PROJECT_DIR


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_names_the_same_packages_as_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = {_name(r): r for r in project["dependencies"] + project["optional-dependencies"]["test"]}
    conda = yaml.safe_load((ROOT / "environment.yml").read_text())["dependencies"]
    listed = {_name(r): r for r in conda if isinstance(r, str) and _name(r) not in ("python", "pip")}
    assert set(listed) == set(declared)
    for name, requirement in declared.items():  # same lower bounds too
        assert requirement.replace(" ", "") == listed[name].replace(" ", ""), name


def test_notebooks_are_committed_without_outputs():
    for path in config.NOTEBOOKS_DIR.glob("*.ipynb"):
        notebook = json.loads(path.read_text())
        for cell in notebook["cells"]:
            if cell["cell_type"] == "code":
                assert cell["outputs"] == [] and cell["execution_count"] is None, path.name


def test_every_notebook_has_a_parameters_cell():
    for name in config.NOTEBOOKS:
        cells = json.loads((config.NOTEBOOKS_DIR / name).read_text())["cells"]
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
    committed = sorted(p.relative_to(config.EXAMPLE_ENGAGEMENT)
                       for p in config.EXAMPLE_ENGAGEMENT.rglob("*") if p.is_file())
    assert written == committed
    for path in written:
        assert (tmp_path / path).read_bytes() == (config.EXAMPLE_ENGAGEMENT / path).read_bytes(), path
