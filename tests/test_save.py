"""Saving strategy choices: comments kept, backup kept, atomic, validated first."""

import shutil

import pytest

from workbook.core import paths
from workbook.core.errors import InputError
from workbook.engagement.model import load_engagement
from workbook.engagement.save import guess_layout, save_strategy


@pytest.fixture
def example(tmp_path):
    return shutil.copytree(paths.EXAMPLE_ENGAGEMENT, tmp_path / "example")


def test_save_changes_only_the_values_and_keeps_comments_and_a_backup(example):
    original = (example / "engagement.yaml").read_text()
    backup = save_strategy(example, own={"product_leadership": 1, "customer_intimacy": 1,
                                         "operational_excellence": 4},
                           shares={"Industrial distributors": 0.45}, blend=0.25)
    assert backup.read_text() == original
    new = (example / "engagement.yaml").read_text()
    changed = [(a, b) for a, b in zip(original.splitlines(), new.splitlines()) if a != b]
    assert len(original.splitlines()) == len(new.splitlines())
    assert changed == [
        ("    product_leadership: 5", "    product_leadership: 1"),
        ("    customer_intimacy: 3", "    customer_intimacy: 1"),
        ("    operational_excellence: 2", "    operational_excellence: 4"),
        ("      share: 0.30", "      share: 0.45"),
        ("  blend: 0.5                  # customers' part of the profile that drives the weights",
         "  blend: 0.25                 # customers' part of the profile that drives the weights"),
    ]
    settings = load_engagement(example).settings
    assert settings.own["operational_excellence"] == 4 and settings.blend == 0.25


def test_an_invalid_choice_writes_nothing(example):
    original = (example / "engagement.yaml").read_bytes()
    with pytest.raises(InputError) as caught:
        save_strategy(example, own={"product_leadership": 0, "customer_intimacy": 0,
                                    "operational_excellence": 0})
    assert "profile is all zero" in str(caught.value)
    assert (example / "engagement.yaml").read_bytes() == original
    assert not (example / "engagement.yaml.bak").exists()
    assert sorted(p.name for p in example.iterdir()) == sorted(p.name for p in paths.EXAMPLE_ENGAGEMENT.iterdir())


@pytest.mark.parametrize("text,layout", [("a:\n  b:\n    - x\n", (2, 2)), ("a:\n  b:\n  - x\n", (2, 0)),
                                         ("a:\n    b: 1\n", (4, 0)), ("a: 1\n", (2, 0))])
def test_layout_is_measured_from_the_file(text, layout):
    assert guess_layout(text) == layout


def _find(widget, kind):
    """Every descendant widget of a given class, depth first."""
    found = [widget] if isinstance(widget, kind) else []
    for child in getattr(widget, "children", ()):
        found += _find(child, kind)
    return found


def test_the_explorer_saves_what_the_sliders_say(example):
    import ipywidgets
    import matplotlib
    matplotlib.use("Agg")
    from workbook.views.explorers import strategy_explorer

    explorer = strategy_explorer(load_engagement(example))
    sliders = {s.description: s for s in _find(explorer, ipywidgets.FloatSlider)}
    sliders["Company: operational excellence"].value = 4.5
    sliders["Customers' part of the blend"].value = 0.8
    _find(explorer, ipywidgets.Button)[0].click()
    status = _find(explorer, ipywidgets.HTML)[0].value
    assert status == "Saved. The previous version is kept as engagement.yaml.bak."
    settings = load_engagement(example).settings
    assert settings.own["operational_excellence"] == 4.5 and settings.blend == 0.8

    for name in ("product leadership", "customer intimacy", "operational excellence"):
        sliders[f"Company: {name}"].value = 0
    _find(explorer, ipywidgets.Button)[0].click()
    assert _find(explorer, ipywidgets.HTML)[0].value.startswith("Not saved: ")
    assert load_engagement(example).settings.own["operational_excellence"] == 4.5
