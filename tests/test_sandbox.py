"""The sandboxed worker on its own: isolation, limits, the strict protocol, the proxies."""
from __future__ import annotations

import os
import socket
import threading

import numpy as np
import pytest

from autograder.sandbox import protocol
from autograder.sandbox.client import Limits, Sandbox, SandboxError, StudentObject, check_sandbox


@pytest.fixture
def sb(tmp_path):
    check_sandbox()
    (tmp_path / "data.txt").write_text("student file")
    with Sandbox(tmp_path, Limits(call_timeout=30, memory_mb=1024, max_pids=32, tmp_mb=32)) as s:
        yield s


@pytest.fixture
def impatient(tmp_path):
    """A worker with a 2-second call limit."""
    with Sandbox(tmp_path, Limits(call_timeout=2, memory_mb=1024, max_pids=32, tmp_mb=32)) as s:
        yield s


def run(sb, code):
    ok, outs = sb.run_cell(code)
    return ok, "".join(o.get("text", "") for o in outs if o["output_type"] == "stream"), outs


def get(sb, name):
    return sb.call("get", name=name)[0]


def test_sees_only_its_own_copy_of_the_submission(sb, root):
    ok, text, _ = run(sb, "import os\nprint(os.getcwd(), sorted(os.listdir('.')), os.getuid())\n"
                          f"print(os.path.exists({str(root / 'source')!r}), os.path.exists({str(root / 'autograder')!r}))")
    assert ok and text.split()[:2] == ["/tmp/work", "['data.txt']"] and "65534" in text
    assert text.split()[-2:] == ["False", "False"], "the course repository is visible in the sandbox"


def test_no_network(sb):
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen()
    port = srv.getsockname()[1]
    try:
        ok, text, _ = run(sb, "import socket\ntry:\n    socket.create_connection(('127.0.0.1', %d), timeout=2)\n"
                              "    print('connected')\nexcept OSError as e:\n    print('refused')" % port)
        assert text.strip() == "refused"
    finally:
        srv.close()


def test_read_only_system_and_bounded_tmp(sb):
    ok, text, _ = run(sb, "for p in ('/usr/evil', '/opt/dlgrader/x', '/submission/x'):\n    try:\n"
                          "        open(p, 'w')\n        print('wrote', p)\n    except OSError:\n        print('denied')\n"
                          "try:\n    open('/tmp/big', 'wb').write(b'x' * (64 << 20))\n    print('filled')\n"
                          "except OSError:\n    print('disk full')")
    assert text.split() == ["denied"] * 3 + ["disk", "full"]


def test_process_count_is_bounded(sb):
    ok, text, _ = run(sb, "import os, time\nkids = []\nfor _ in range(500):\n    try:\n        pid = os.fork()\n"
                          "    except OSError:\n        break\n    if pid == 0:\n        time.sleep(30)\n        os._exit(0)\n"
                          "    kids.append(pid)\nprint(len(kids))")
    assert ok and int(text) < 32


def test_memory_is_bounded(sb):
    try:
        ok, text, outs = run(sb, "x = bytearray(4 << 30)\nprint('allocated')")
    except SandboxError:  # killed by the memory cgroup
        assert "memory" in sb.died_because()
        return
    assert not ok and outs[-1]["ename"] == "MemoryError" and "allocated" not in text


def test_infinite_loop_is_stopped_by_the_call_timer(impatient):
    ok, _, outs = run(impatient, "while True:\n    pass")
    assert not ok and outs[-1]["ename"] == "TimeoutError"
    assert run(impatient, "print(1 + 1)")[1].strip() == "2"  # the worker survives


def test_ignoring_the_timer_gets_the_worker_killed(impatient):
    with pytest.raises(SandboxError, match="time limit"):
        run(impatient, "import signal\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)\nwhile True:\n    pass")


def test_garbage_on_the_protocol_pipe_kills_the_worker(sb):
    with pytest.raises(SandboxError):
        run(sb, "import os, sys\nos.write(int(sys.argv[2]), b'not a frame at all')\nimport time\ntime.sleep(1)")


def test_output_is_capped(sb):
    ok, text, _ = run(sb, "print('x' * 10_000_000)")
    assert ok and len(text) < 300_000 and "were cut" in text


def test_proxies_pass_data_only(sb):
    run(sb, "import numpy as np\nclass Liar:\n    def __eq__(self, other):\n        return True\n"
            "class Sneaky(np.ndarray):\n    pass\n"
            "def liar():\n    return Liar()\ndef sneaky():\n    return np.zeros(3).view(Sneaky)\n"
            "def honest(x):\n    x[0] = 5.0\n    return {'a': x * 2, 'b': [1, 2.5, None], 'c': (np.float32(1.5),)}")
    value = get(sb, "honest")(np.array([1.0, 2.0]))
    assert type(value["a"]) is np.ndarray and value["a"].tolist() == [10.0, 4.0]
    assert value["b"] == [1, 2.5, None] and value["c"][0].dtype == np.float32
    liar = get(sb, "liar")()
    assert isinstance(liar, StudentObject)
    for attempt in (lambda: liar == 1, lambda: bool(liar), lambda: np.asarray(liar) + 1, lambda: list(liar)):
        with pytest.raises(TypeError):
            attempt()
    sneaky = get(sb, "sneaky")()
    assert isinstance(sneaky, StudentObject), "an ndarray subclass must not come back as an array"


def test_in_place_changes_are_mirrored(sb):
    run(sb, "def scale(x):\n    x *= 3")
    a = np.array([1.0, 2.0])
    get(sb, "scale")(a)
    assert a.tolist() == [3.0, 6.0]


def test_student_exceptions_keep_their_builtin_type(sb):
    run(sb, "def stub(x):\n    raise NotImplementedError()\ndef bad(x):\n    raise ValueError('negative')")
    with pytest.raises(NotImplementedError):
        get(sb, "stub")(1)
    with pytest.raises(ValueError, match="negative"):
        get(sb, "bad")(1)


def test_callbacks_into_the_grader(sb):
    run(sb, "def apply(f, x):\n    return f(x) + 1")
    assert get(sb, "apply")(lambda v: v * 10, np.array([1.0]))[0] == 11.0


def test_vjp_runs_next_to_the_student_code(sb):
    from course import testing

    run(sb, "import torch\nclass Sq(torch.nn.Module):\n    def forward(self, x):\n        return (x ** 2).sum(-1)")
    model = get(sb, "Sq")()
    out, (g,) = testing.vjp(model, np.array([[1.0, 2.0]]))
    assert out.tolist() == [5.0] and g.tolist() == [[2.0, 4.0]]


def test_decoder_rejects_hostile_frames():
    import io

    def frame(header, blobs=()):
        buf = io.BytesIO()
        protocol.write_msg(buf, header, list(blobs))
        return io.BytesIO(buf.getvalue())

    obj_array = io.BytesIO()
    np.lib.format.write_array(obj_array, np.array([1, "a"], dtype=object), allow_pickle=True)
    for blobs, value in (([obj_array.getvalue()], {"t": "nd", "b": 0}),
                         ([b"\x93NUMPY garbage"], {"t": "nd", "b": 0}),
                         ([], {"t": "nd", "b": 3}),
                         ([], {"t": "pickle", "v": "x"}),
                         ([], {"t": "list", "v": [[]] * 2}),
                         ([], {"t": "list", "v": "notalist"})):
        header, got = protocol.read_msg(frame({"value": value}, blobs))
        with pytest.raises(protocol.ProtocolError):
            protocol.decode(header["value"], got, lambda ref: (_ for _ in ()).throw(protocol.ProtocolError("ref")))
    nested = {"t": "list", "v": []}
    for _ in range(100):
        nested = {"t": "list", "v": [nested]}
    with pytest.raises(protocol.ProtocolError):
        protocol.decode(nested, [], None)
    with pytest.raises(protocol.ProtocolError):
        protocol.read_msg(io.BytesIO(b"EVIL" + b"\0" * 8))
    big = io.BytesIO(protocol.MAGIC + (protocol.MAX_HEADER + 1).to_bytes(4, "little") + b"\0" * 4)
    with pytest.raises(protocol.ProtocolError):
        protocol.read_msg(big)


def test_one_notebook_cannot_change_the_next_ones_globals(tmp_path):
    """A grading slot runs notebooks one after another: global settings must not leak."""
    import torch

    from autograder.jobs import run_job

    def job(setup, test):
        return {"cells": [["both", setup], ["student", "def f(x):\n    return x"], ["test", test]], "names": ["f"],
                "files": {}, "limits": {"call_timeout": 30, "memory_mb": 2048, "max_pids": 32}, "timeout": 120}

    before = torch.get_default_dtype()
    run_job(job("import torch\nimport numpy as np\ntorch.set_default_dtype(torch.float64)\nnp.seterr(all='raise')",
                "assert torch.zeros(1).dtype == torch.float64"))
    res = run_job(job("import torch\nimport numpy as np",
                      "assert torch.zeros(1).dtype == torch.float32\nassert np.geterr()['divide'] != 'raise'"))
    assert res["outputs"][2] == [], res["outputs"][2]
    assert torch.get_default_dtype() == before and np.geterr()["divide"] != "raise"
