"""pyproject.toml and environment.yml pin the same exact versions."""
from __future__ import annotations

import re
import tomllib

import pytest

PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([0-9][A-Za-z0-9_.+\-]*)$")


def _pyproject_pins(root):
    deps = tomllib.loads((root / "pyproject.toml").read_text())["project"]["dependencies"]
    pins = {}
    for d in deps:
        m = PIN.match(d.strip())
        assert m, f"pyproject.toml dependency {d!r} is not pinned to an exact version"
        pins[m.group(1).lower()] = m.group(2)
    return pins


def _environment_pins(root):
    pins, in_pip = {}, False
    for line in (root / "environment.yml").read_text().splitlines():
        s = line.split("#", 1)[0].rstrip()
        if re.match(r"^\s*-\s*pip:\s*$", s):
            in_pip = True
            continue
        m = re.match(r"^\s*-\s*(\S+)\s*$", s)
        if in_pip and m:
            pm = PIN.match(m.group(1))
            assert pm, f"environment.yml pip entry {m.group(1)!r} is not pinned with =="
            pins[pm.group(1).lower()] = pm.group(2)
    return pins


def test_pyproject_and_environment_agree(root):
    a, b = _pyproject_pins(root), _environment_pins(root)
    assert a, "pyproject.toml lists no dependencies"
    assert a == b, f"pins disagree: only in pyproject {sorted(a.items() - b.items())}, only in environment.yml {sorted(b.items() - a.items())}"


@pytest.mark.parametrize("name,major", [("torch", "2.13.0"), ("ipywidgets", "8."), ("jupyterlab", "4."), ("nbgrader", "0.9.")])
def test_required_versions(root, name, major):
    assert _pyproject_pins(root)[name].startswith(major)


def test_installed_versions_match_pins(root):
    from importlib.metadata import version

    for name, pinned in _pyproject_pins(root).items():
        got = version(name).split("+")[0]
        assert got == pinned, f"{name} {got} is installed but {pinned} is pinned: run `make setup`"


def test_xdist_groups_are_honoured(tmp_path):
    """`make test` shares an executed chapter between the tests of one xdist group: they must share a worker."""
    import subprocess
    import sys

    (tmp_path / "test_group.py").write_text(
        "import os, pytest\n"
        "@pytest.mark.xdist_group('one')\n"
        "@pytest.mark.parametrize('i', range(6))\n"
        "def test_where(i):\n"
        "    open(f'worker{i}', 'w').write(os.environ['PYTEST_XDIST_WORKER'])\n")
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-n", "2", "--dist", "loadgroup", "-p",
                          "no:cacheprovider", "test_group.py"], cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    workers = {(tmp_path / f"worker{i}").read_text() for i in range(6)}
    assert len(workers) == 1, f"one xdist group ran on {sorted(workers)}: --dist loadgroup is not grouping"
