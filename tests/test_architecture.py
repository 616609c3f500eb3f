"""The package's layers, checked by reading its imports (docs/architecture.md draws the same picture).

Imports run one way: core -> engagement -> strategy -> scoring -> quality -> catalogue, team beside scoring
(it may use scoring, never quality), then views -> report -> cli on top. Analysis never imports
IPython, ipywidgets, matplotlib or the views; the pure numeric methods import numpy, the
standard library and each other only; and no module imports itself back through others.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from workbook.core import paths

PACKAGE = paths.PACKAGE_DIR

ORDER = ["core", "engagement", "strategy", "scoring", "quality", "catalogue", "register", "views", "report",
         "cli"]
# What each layer may import from the package, besides itself.
ALLOWED = {layer: set(ORDER[:i]) for i, layer in enumerate(ORDER)}
ALLOWED["team"] = {"core", "engagement", "strategy", "scoring"}
for upper in ("views", "report", "cli"):
    ALLOWED[upper].add("team")
ALLOWED["root"] = set()  # workbook/__init__.py: the version only
ALLOWED["__main__"] = {"cli"}

ANALYSIS = {"core", "engagement", "strategy", "scoring", "quality", "catalogue", "register", "team"}
PRESENTATION = ("IPython", "ipywidgets", "matplotlib")
PURE = {"scoring/mcda.py", "scoring/robustness.py", "scoring/smaa.py", "strategy/ahp.py",
        "quality/control.py", "quality/measures.py", "quality/intervals.py"}


def layer_of(module: str) -> str:
    """``workbook.scoring.mcda`` -> ``scoring``; ``workbook`` -> ``root``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "root"


def module_name(path: Path, package: Path) -> str:
    rel = path.relative_to(package.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def imports(path: Path, package: Path) -> list[tuple[int, str]]:
    """(line, imported module) for every import in the file, relative ones resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    here = module_name(path, package).split(".")
    if path.name != "__init__.py":
        here = here[:-1]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(here[:len(here) - node.level + 1] + ([base] if base else []))
            found.append((node.lineno, base))
            # `from workbook.views import blocks` imports the module workbook.views.blocks
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names
                      if (package.parent / Path(*f"{base}.{alias.name}".split("."))).with_suffix(".py").exists()]
    return found


def violations(package: Path) -> list[str]:
    """Every import against the layers, of presentation into analysis, or of non-numeric code
    into a pure method; and every import cycle between the package's modules."""
    name = package.name
    problems, graph = [], {}
    for path in sorted(package.rglob("*.py")):
        module, rel = module_name(path, package), path.relative_to(package).as_posix()
        layer = "root" if rel == "__init__.py" else rel.split("/")[0].removesuffix(".py")
        graph[module] = set()
        for line, target in imports(path, package):
            where = f"{rel}:{line} imports {target}"
            top = target.split(".")[0]
            if top == name:
                if target != name and layer_of(target) != layer:
                    if layer_of(target) not in ALLOWED.get(layer, set()):
                        problems.append(f"{where}: {layer} may not import {layer_of(target)}")
                if (package.parent / Path(*target.split("."))).with_suffix(".py").exists() or \
                        (package.parent / Path(*target.split(".")) / "__init__.py").exists():
                    graph[module].add(target)
            elif layer in ANALYSIS and top in PRESENTATION:
                problems.append(f"{where}: analysis may not import presentation libraries")
            pure_peer = "/".join(target.split(".")[1:]) + ".py" in PURE
            if rel in PURE and top not in ("numpy", "math", "__future__", "dataclasses", "typing") \
                    and not pure_peer:
                problems.append(f"{where}: a pure numeric method imports numpy and the standard "
                                f"library's math only")
    problems += [f"import cycle: {' -> '.join(c)}" for c in _cycles(graph)]
    return problems


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    seen, stack, cycles = set(), [], []

    def visit(node):
        if node in stack:
            cycles.append(stack[stack.index(node):] + [node])
            return
        if node in seen:
            return
        seen.add(node)
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            visit(nxt)
        stack.pop()

    for node in sorted(graph):
        visit(node)
    return cycles


def test_the_package_imports_run_one_way():
    assert violations(PACKAGE) == []


def _copy_package(tmp_path: Path) -> Path:
    copy = tmp_path / "workbook"
    for path in PACKAGE.rglob("*.py"):
        target = copy / path.relative_to(PACKAGE)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    return copy


@pytest.mark.parametrize("file, line, expected", [
    ("scoring/mcda.py", "from workbook.views import labels",
     "scoring/mcda.py:1 imports workbook.views: scoring may not import views"),
    ("engagement/checks.py", "from workbook.quality.plan import generate_plan",
     "engagement/checks.py:1 imports workbook.quality.plan: engagement may not import quality"),
    ("quality/tracking.py", "import matplotlib.pyplot as plt",
     "quality/tracking.py:1 imports matplotlib.pyplot: analysis may not import presentation libraries"),
    ("team/judgments.py", "from workbook.quality import alerts",
     "team/judgments.py:1 imports workbook.quality: team may not import quality"),
    ("strategy/ahp.py", "import pandas as pd",
     "strategy/ahp.py:1 imports pandas: a pure numeric method imports numpy and the standard "
     "library's math only"),
])
def test_the_check_fails_on_a_forbidden_import(tmp_path, file, line, expected):
    copy = _copy_package(tmp_path)
    path = copy / file
    path.write_text(line + "\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    assert expected in violations(copy)


def test_the_check_finds_a_cycle(tmp_path):
    copy = _copy_package(tmp_path)
    path = copy / "core" / "paths.py"
    path.write_text("from workbook.core import formats\n" + path.read_text(encoding="utf-8"))
    path = copy / "core" / "formats.py"
    path.write_text("from workbook.core import paths\n" + path.read_text(encoding="utf-8"))
    cycles = [v for v in violations(copy) if v.startswith("import cycle: ")]
    assert [set(c.removeprefix("import cycle: ").split(" -> ")) for c in cycles] == [
        {"workbook.core.formats", "workbook.core.paths"}]


def test_every_subpackage_says_what_it_owns_and_may_import():
    for package in sorted(p for p in PACKAGE.iterdir() if (p / "__init__.py").exists()):
        doc = ast.get_docstring(ast.parse((package / "__init__.py").read_text(encoding="utf-8")))
        assert doc and "May import" in doc, package.name


def test_modules_stay_small():
    sizes = {p.relative_to(PACKAGE).as_posix(): len(p.read_text(encoding="utf-8").splitlines())
             for p in PACKAGE.rglob("*.py")}
    assert {m: n for m, n in sizes.items() if n > 300} == {}


def _code_cells(notebook: Path) -> list[str]:
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]


def test_notebooks_stay_thin():
    notebooks = sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb"))
    cells = {nb.name: _code_cells(nb) for nb in notebooks}
    lines = sum(len(c.splitlines()) for code in cells.values() for c in code)
    assert lines < 150
    for name, code in cells.items():
        text = "\n".join(code)
        assert "labels=" not in text and "formats=" not in text, name
        assert "import pandas" not in text and "plt." not in text, name
        # every cell but the parameters is one or two lines of calls
        assert max(len(c.splitlines()) for c in code[1:]) <= 3, name
