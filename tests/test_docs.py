"""The README and docs/ stay true: their links, files, modules and commands exist, and the
transcripts they show are what the commands print."""

from __future__ import annotations

import importlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from workbook.cli import build_parser
from workbook.core import paths

ROOT = paths.PROJECT_DIR
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LAYERS = ("core", "engagement", "strategy", "scoring", "quality", "team", "views", "report")


def _text(doc: Path) -> str:
    return doc.read_text(encoding="utf-8")


def _blocks(text: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", text, flags=re.S)


def _inline(text: str) -> list[str]:
    prose = re.sub(r"```.*?```", "", text, flags=re.S)
    return re.findall(r"`([^`\n]+)`", prose)


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d.name)
def test_links_point_at_files_that_exist(doc):
    for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", _text(doc)):
        if not target.startswith("http"):
            assert (doc.parent / target).exists(), f"{doc.name} links to {target}"


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d.name)
def test_files_and_modules_named_exist(doc):
    missing = []
    for token in _inline(_text(doc)):
        token = token.split(" ")[0].rstrip(".,:")
        if re.fullmatch(r"(workbook|notebooks|docs|tests|benchmarks|scripts|data/example)(/[\w.\-]+)*/?", token):
            if not (ROOT / token).exists():
                missing.append(token)
        elif re.fullmatch(rf"({'|'.join(LAYERS)})/\w+\.py", token):
            if not (paths.PACKAGE_DIR / token).exists():
                missing.append(token)
        elif re.fullmatch(rf"(workbook\.)?({'|'.join(LAYERS)})(\.\w+)+(\(\w*\))?", token):
            # a module path; `strategy.blend` and other engagement.yaml keys are not
            name = token.split("(")[0].removeprefix("workbook.")
            layer, module = name.split(".")[:2]
            is_module = (paths.PACKAGE_DIR / layer / f"{module}.py").exists()
            if (token.startswith("workbook.") or is_module) and not _resolves(name):
                missing.append(token)
    assert missing == [], f"{doc.name} names what does not exist"


def _resolves(dotted: str) -> bool:
    """``views.step.open_step`` -> True when workbook.views.step has open_step."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module("workbook." + ".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for attribute in parts[cut:]:
            if not hasattr(obj, attribute):
                return False
            obj = getattr(obj, attribute)
        return True
    return False


def _commands(text: str) -> list[str]:
    lines = [line[2:] for block in _blocks(text, "console") for line in block.splitlines()
             if line.startswith("$ ")]
    lines += [c for c in _inline(text) if c.startswith(("workbook ", "make "))]
    return [line.split("#")[0].strip() for line in lines]


def _subcommands() -> dict:
    parser = build_parser()
    action = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    return action.choices


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d.name)
def test_commands_shown_exist_with_their_options(doc):
    subcommands = _subcommands()
    targets = set(re.findall(r"^([a-z][\w-]*):", _text(ROOT / "Makefile"), flags=re.M))
    for command in _commands(_text(doc)):
        words = command.split()
        if words[0] == "make":
            assert words[1] in targets, f"{doc.name}: {command}"
        elif words[0] == "workbook" and len(words) > 1 and not words[1].startswith("-"):
            assert words[1] in subcommands, f"{doc.name}: {command}"
            usage = subcommands[words[1]].format_help()
            for option in (w.split("=")[0] for w in words[2:] if w.startswith("-")):
                assert option in usage, f"{doc.name}: {command} ({option})"


def test_every_command_is_in_the_readme_table():
    table = _text(ROOT / "README.md")
    for name in _subcommands():
        assert f"| `workbook {name}" in table, name


def _run(*args: str) -> str:
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_validate_transcript_is_what_validate_prints():
    readme = _text(ROOT / "README.md")
    shown = re.search(r"\$ workbook validate data/example\n(.*?)\n", readme).group(1)
    assert _run(sys.executable, "-m", "workbook", "validate", "data/example").strip() == shown


def test_the_python_example_runs_and_prints_what_the_readme_shows(tmp_path):
    readme = _text(ROOT / "README.md")
    (code,) = _blocks(readme, "python")
    shown = re.search(r"\$ python api_example.py\n(.*?)```", readme, flags=re.S).group(1)
    script = tmp_path / "api_example.py"
    script.write_text(code, encoding="utf-8")
    assert _run(sys.executable, str(script)) == shown


def test_the_bad_input_transcript_is_what_validate_prints_on_the_template_with_three_mistakes(tmp_path):
    """The README's second validate transcript, reproduced: `workbook new`, the three mistakes it
    names, and validate's exact lines and exit status."""
    readme = _text(ROOT / "README.md")
    shown = re.search(r"\$ workbook validate data/acme\n(.*?)\$ echo", readme, flags=re.S).group(1)
    assert subprocess.run([sys.executable, "-m", "workbook", "new", "data/acme"], cwd=tmp_path,
                          capture_output=True, text=True).returncode == 0
    acme = tmp_path / "data" / "acme"
    for name, old, new in [("criteria.csv", ",otif_pct,", ",otif,"),
                           ("scores.csv", "Evaluator One,partner_b,innovation,5,", "Evaluator One,partner_b,innovation,6,"),
                           ("scores.csv", "Evaluator Two,partner_a,listening,5,", "Evaluatr Two,partner_a,listening,5,")]:
        text = (acme / name).read_text(encoding="utf-8")
        assert text.count(old) == 1, (name, old)
        (acme / name).write_text(text.replace(old, new), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "workbook", "validate", "data/acme"], cwd=tmp_path,
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 2 and done.stderr == shown
