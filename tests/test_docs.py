"""The README documents every CLI command, config key and source kind, and its examples hold."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import typer
from pydantic import BaseModel

from watcher.cli import app
from watcher.config import Settings
from watcher.registry import source_kinds

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text()


def commands(group: Any, prefix: str = "") -> list[str]:
    found = []
    for name, command in group.commands.items():
        path = f"{prefix}{name}"
        if hasattr(command, "commands"):
            found += commands(command, f"{path} ")
        else:
            found.append(path)
    return found


def config_keys(model: type[BaseModel], prefix: str = "") -> list[str]:
    keys = []
    for name, field in model.model_fields.items():
        if name == "base_dir":
            continue
        keys.append(f"{prefix}{name}")
        ann = field.annotation
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            keys += config_keys(ann, f"{prefix}{name}.")
    return keys


CLI = typer.main.get_command(app)


@pytest.mark.parametrize("command", commands(CLI))
def test_every_command_is_in_the_readme(command: str) -> None:
    assert f"watcher {command}" in README


@pytest.mark.parametrize("key", config_keys(Settings))
def test_every_config_key_is_in_the_readme(key: str) -> None:
    *sections, leaf = key.split(".")
    assert f"`{leaf}`" in README or f"[{key}]" in README or f"[[{key}]]" in README, key
    for depth in range(1, len(sections) + 1):
        assert f"[{'.'.join(sections[:depth])}" in README


@pytest.mark.parametrize("kind", source_kinds())
def test_every_source_kind_is_in_the_readme(kind: str) -> None:
    assert f"| `{kind}` |" in README


def test_the_two_commands_are_the_makefile_targets_ci_runs() -> None:
    block = re.search(r"## Two commands.*?```sh\n(.*?)```", README, re.S)
    assert block is not None
    lines = [shlex.split(line.split("#")[0]) for line in block.group(1).strip().splitlines()]
    assert lines == [["make", "demo"], ["make", "test"]]
    assert "make test" in (ROOT / ".ci" / "run").read_text()
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^demo:", makefile, re.M) and re.search(r"^test:", makefile, re.M)


def test_readme_json_example_is_the_signal_contract() -> None:
    block = re.search(r"```json\n(.*?)```", README, re.S)
    assert block is not None
    keys = re.findall(r'"(\w+)":', block.group(1))
    contract = ["kind", "account", "account_domain", "title", "url", "occurred_at", "detected_at", "source",
                "dedup_key", "facts"]
    assert keys[:10] == contract and keys[-1] == "evidence"
