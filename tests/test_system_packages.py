"""scripts/ensure-system-packages.sh, run against fake commands: it installs only what
is missing, as root directly, through sudo for a user who has it, and otherwise stops
with one line saying what to install (never a bare apt-get that would fail unprivileged)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers import ROOT

SCRIPT = ROOT / "scripts" / "ensure-system-packages.sh"
TOOLS = ("chromium", "java", "zbarimg", "pdftoppm")


def _fake(bin_dir: Path, name: str, body: str) -> None:
    path = bin_dir / name
    path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    path.chmod(0o755)


def _run(tmp_path: Path, *, uid: int, have: tuple[str, ...], sudo: bool, apt: bool = True) -> tuple[int, str]:
    """Run the script with PATH holding only fakes (and the few real tools it needs)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "log"
    for real in ("sed", "grep", "env", "cat"):
        found = shutil.which(real)
        assert found, real
        (bin_dir / real).symlink_to(found)
    _fake(bin_dir, "id", f"echo {uid}")
    for tool in have:
        _fake(bin_dir, tool, "exit 0")
    if "fonts" in have:
        _fake(bin_dir, "fc-list", "echo 'Liberation Sans'")
    else:
        _fake(bin_dir, "fc-list", "exit 0")
    if apt:
        _fake(bin_dir, "apt-get", f'echo "apt-get $*" >> {log}')
    if sudo:
        _fake(bin_dir, "sudo", f'echo "sudo" >> {log}; exec "$@"')
    result = subprocess.run(
        ["/bin/bash", str(SCRIPT)],
        env={"PATH": str(bin_dir)},
        capture_output=True,
        text=True,
        check=False,
    )
    calls = log.read_text(encoding="utf-8") if log.exists() else ""
    return result.returncode, result.stdout + result.stderr + calls


def test_nothing_to_do_when_everything_is_there(tmp_path: Path) -> None:
    code, output = _run(tmp_path, uid=1000, have=(*TOOLS, "fonts"), sudo=False)
    assert (code, output) == (0, "")


def test_root_installs_only_what_is_missing_with_apt_get(tmp_path: Path) -> None:
    code, output = _run(tmp_path, uid=0, have=("chromium", "java"), sudo=False)
    assert code == 0, output
    assert (
        "apt-get install -y -qq --no-install-recommends zbar-tools poppler-utils fonts-liberation" in output
    )
    assert "sudo" not in output and "chromium" not in output.split("install", 1)[1]


def test_a_user_with_sudo_installs_through_sudo(tmp_path: Path) -> None:
    code, output = _run(tmp_path, uid=1000, have=(*TOOLS,), sudo=True)
    assert code == 0, output
    assert output.count("sudo\n") == 2, output  # apt-get update and apt-get install
    assert "apt-get install -y -qq --no-install-recommends fonts-liberation" in output


@pytest.mark.parametrize("apt", [True, False], ids=["no sudo", "no apt"])
def test_otherwise_it_stops_with_one_line_saying_what_to_install(tmp_path: Path, apt: bool) -> None:
    code, output = _run(tmp_path, uid=1000, have=("java",), sudo=False, apt=apt)
    assert code == 1
    lines = output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), output
    assert "chromium zbar-tools poppler-utils fonts-liberation" in lines[0]
    assert "apt-get install" in lines[0] or not apt
    assert "apt-get update" not in output.replace(lines[0], "")


def test_the_script_is_what_make_browser_runs() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "@bash scripts/ensure-system-packages.sh" in makefile
    assert os.access(SCRIPT, os.R_OK)
