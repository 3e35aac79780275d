"""`make lab` starts a headless JupyterLab on the release notebooks with nbgrader's extensions."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_make_lab_serves_chapter_one(root, tmp_path):
    port, token = _free_port(), "dlcourse-test-token"
    env = dict(os.environ, JUPYTER_TOKEN=token, JUPYTER_RUNTIME_DIR=str(tmp_path))
    proc = subprocess.Popen(["make", "-s", "lab", f"PORT={port}"], cwd=root, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}/api/contents/01_basics?token={token}"
        deadline, listing = time.time() + 90, None
        while time.time() < deadline and proc.poll() is None:
            try:
                listing = json.load(urllib.request.urlopen(url, timeout=5))
                break
            except OSError:
                time.sleep(0.5)
        assert listing is not None, "JupyterLab did not come up"
        assert "01_basics.ipynb" in [c["name"] for c in listing["content"]]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/lab?token={token}", timeout=10) as r:
            assert r.status == 200
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        out, _ = proc.communicate(timeout=30)
    assert f"http://127.0.0.1:{port}/lab" in out, "the URL was not printed"
    assert "nbgrader.server_extensions.validate_assignment | extension was successfully loaded" in out


def test_nbgrader_lab_extension_enabled():
    jupyter = Path(sys.executable).parent / "jupyter"
    out = subprocess.run([str(jupyter), "labextension", "list"], capture_output=True, text=True)
    text = out.stdout + out.stderr
    assert "@jupyter/nbgrader" in text and "enabled" in text.split("@jupyter/nbgrader", 1)[1].splitlines()[0]
