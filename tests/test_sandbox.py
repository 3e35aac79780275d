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
    # The standard dict subclasses a student returns travel as plain dicts; their own subclasses do not.
    run(sb, "from collections import Counter, defaultdict\nclass MyDict(dict):\n    pass\n"
            "def tallies():\n    d = defaultdict(list)\n    d['x'].append(1)\n    return d, Counter('aab'), MyDict(a=1)")
    d, c, mine = get(sb, "tallies")()
    assert type(d) is dict and d == {"x": [1]} and type(c) is dict and c == {"a": 2, "b": 1}
    assert isinstance(mine, StudentObject)


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


def test_a_tests_numpy_error_handling_reaches_student_code(sb):
    """`with np.errstate(over="raise")` around a call holds in the sandbox, as in a student's kernel."""
    run(sb, "import numpy as np\ndef naive_sigmoid(x):\n    return 1 / (1 + np.exp(-x))")
    x = np.array([-1000.0, 0.0])
    with np.errstate(over="raise"):
        with pytest.raises(FloatingPointError):
            get(sb, "naive_sigmoid")(x)
    with np.errstate(over="ignore"):
        assert get(sb, "naive_sigmoid")(x).tolist() == [0.0, 0.5]


def test_changes_to_arguments_in_place_are_mirrored(sb):
    """A test's assert_unchanged sees what the student's kernel would: values, shapes, lists, dicts, keywords."""
    import torch

    run(sb, "def meddle(a, ks, d, b=None, t=None):\n    a += 1\n    ks.sort()\n    d['new'] = 1\n"
            "    b.shape = (2, 1)\n    t.mul_(2)\n    return 0")
    a, ks, d, b, t = np.zeros(3), [3, 1, 2], {"old": 0}, np.arange(2.0), torch.ones(2)
    assert get(sb, "meddle")(a, ks, d, b=b, t=t) == 0
    assert a.tolist() == [1.0] * 3 and ks == [1, 2, 3] and d == {"old": 0, "new": 1}
    assert b.shape == (2, 1) and t.tolist() == [2.0, 2.0]
    # Arrays inside a tuple, a list or a dict change in place, as the caller's other names for them see.
    run(sb, "def inner(cache, grads, params):\n    cache[0][0] = 7\n    grads[1] *= 2\n    params['W'] -= 1\n")
    x, g, W = np.zeros(2), np.ones(1), np.ones(3)
    cache, grads, params = (x, 5), [np.zeros(1), g], {"W": W}
    get(sb, "inner")(cache, grads, params)
    assert x.tolist() == [7.0, 0.0] and g.tolist() == [2.0] and W.tolist() == [0.0] * 3
    assert grads[1] is g and params["W"] is W
    run(sb, "def pure(a, ks, p):\n    return float(a.sum()) + len(ks) + float(p.sum())")
    p = torch.nn.Parameter(torch.ones(2))
    assert get(sb, "pure")(np.ones(2), [np.ones(1)], p) == 5.0


def test_callbacks_into_the_grader(sb):
    run(sb, "def apply(f, x):\n    return f(x) + 1")
    assert get(sb, "apply")(lambda v: v * 10, np.array([1.0]))[0] == 11.0


def test_vjp_runs_next_to_the_student_code(sb):
    from course import testing

    run(sb, "import torch\nclass Sq(torch.nn.Module):\n    def forward(self, x):\n        return (x ** 2).sum(-1)")
    model = get(sb, "Sq")()
    out, (g,) = testing.vjp(model, np.array([[1.0, 2.0]]))
    assert out.tolist() == [5.0] and g.tolist() == [[2.0, 4.0]]
    # Only the inputs named in wrt become tensors with grad; a number stays a number.
    run(sb, "def scaled(x, beta):\n    return (x ** 2).sum() * float(beta)")
    out, (g,) = testing.vjp(get(sb, "scaled"), np.array([1.0, 2.0]), 0.5, wrt=[0])
    assert out == 2.5 and g.tolist() == [1.0, 2.0]


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


def test_no_variable_of_the_graders_environment_inside(tmp_path, monkeypatch):
    """Every process of the sandbox, its PID 1 included, starts from an empty environment."""
    secret = "dlgrader-secret-7f3a"
    monkeypatch.setenv("DLGRADER_TEST_TOKEN", secret)
    monkeypatch.setenv("DATABASE_URL", f"postgresql://grader:{secret}@db/gradebook")
    with Sandbox(tmp_path, Limits(call_timeout=30, memory_mb=1024, max_pids=32, tmp_mb=32)) as s:
        ok, text, _ = run(s, "import glob\nfor p in sorted(glob.glob('/proc/[0-9]*/environ')):\n"
                             "    try:\n        print(p, open(p, 'rb').read().replace(b'\\0', b' ').decode())\n"
                             "    except OSError as e:\n        print(p, 'unreadable', e)")
    assert ok and "/proc/1/environ" in text, text
    assert secret not in text and "DLGRADER_TEST_TOKEN" not in text and "DATABASE_URL" not in text
    pid1 = next(line for line in text.splitlines() if line.startswith("/proc/1/environ"))
    assert pid1.split(" ", 1)[1].strip() in ("", "unreadable") or "unreadable" in pid1, pid1


WRITE_SCRATCH = ("for p in ('/tmp/left-behind', '/dev/shm/left-behind'):\n"
                 "    open(p, 'w').write('secret of the first student')\nprint('wrote')")
READ_SCRATCH = ("import os\nprint(sorted(f for d in ('/tmp', '/dev/shm') for f in os.listdir(d) "
                "if f == 'left-behind'))")


def test_tmp_and_shm_are_private_to_one_notebook(tmp_path):
    """A file written to /tmp or /dev/shm is never seen by another notebook: after it, or beside it."""
    limits = Limits(call_timeout=30, memory_mb=1024, max_pids=32, tmp_mb=32)
    with Sandbox(tmp_path, limits) as first:
        assert run(first, WRITE_SCRATCH)[1].strip() == "wrote"
        with Sandbox(tmp_path, limits) as beside:  # another slot, at the same time
            assert run(beside, READ_SCRATCH)[1].strip() == "[]"
        assert run(first, READ_SCRATCH)[1].strip() == "['left-behind', 'left-behind']"  # it did write
    with Sandbox(tmp_path, limits) as after:  # the same slot, next notebook
        assert run(after, READ_SCRATCH)[1].strip() == "[]"


def test_a_test_cell_has_one_budget_for_all_its_calls(tmp_path):
    """A test calling student code a thousand times stops at the cell's budget, not after 1000 call limits."""
    import time

    from autograder.sandbox.executor import CellPlan, execute

    plan = [CellPlan("student", "import time\ndef slow(x):\n    time.sleep(0.05)\n    return x"),
            CellPlan("test", "for i in range(1000):\n    assert slow(i) == i"),
            CellPlan("test", "assert slow(3) == 3")]
    t0 = time.monotonic()
    res = execute(plan, ["slow"], tmp_path, Limits(call_timeout=2, memory_mb=1024, max_pids=32), notebook_timeout=60)
    took = time.monotonic() - t0
    errors = [o for o in res.outputs[1] if o["output_type"] == "error"]
    assert errors and errors[0]["ename"] == "TimeoutError" and "in all" in errors[0]["evalue"], res.outputs[1]
    assert res.outputs[2] == [], "the next test starts with a budget of its own"
    assert took < 30, f"the cell ran {took:.0f} s: its budget did not hold"  # 1000 calls would take 50 s or more


def test_a_limit_of_a_few_microseconds_times_the_call_out_and_keeps_the_worker(sb):
    """The last call of a nearly spent budget: the timer may fire before, during or after the call."""
    assert run(sb, "def ident(x):\n    return x")[0]
    fn = get(sb, "ident")
    verdicts = set()
    for i in range(300):
        tagged, blobs = protocol.encode([[i], {}], sb._encode_arg)
        ok, value, err, _, _ = sb.request("call", blobs, timeout=1e-6 * (i % 60 + 1), payload=tagged,
                                          target={"t": "h", "id": object.__getattribute__(fn, "_id")})
        verdicts.add("ok" if ok and value == i else err["ename"] if err else "wrong")
    assert verdicts <= {"ok", "TimeoutError"}, verdicts
    assert get(sb, "ident")(7) == 7, "the worker died on a timer that fired outside student code"


def test_the_notebook_budget_covers_calls_inside_tests(tmp_path):
    import time

    from autograder.sandbox.executor import CellPlan, execute

    plan = [CellPlan("student", "import time\ndef slow(x):\n    time.sleep(0.5)\n    return x")]
    plan += [CellPlan("test", "assert slow(1) == 1\nassert slow(2) == 2") for _ in range(20)]
    t0 = time.monotonic()
    res = execute(plan, ["slow"], tmp_path, Limits(call_timeout=5, memory_mb=1024, max_pids=32), notebook_timeout=4)
    assert time.monotonic() - t0 < 15
    assert any(o.get("ename") == "TimeoutError" for outs in res.outputs[1:] for o in outs)


def test_a_deeply_nested_forged_reply_is_refused_not_a_crash(sb):
    """A frame nested past Python's recursion limit is a protocol error (the worker is killed), never a crash."""
    import io

    header = b'{"op": "reply", "seq": 1, "ok": true, "outputs": [], "value": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    frame = protocol.MAGIC + len(header).to_bytes(4, "little") + (0).to_bytes(4, "little") + header
    with pytest.raises(protocol.ProtocolError, match="nested too deeply"):
        protocol.read_msg(io.BytesIO(frame))
    shallow_but_deep = b'{"v": ' + b"[" * 60 + b"]" * 60 + b"}"
    with pytest.raises(protocol.ProtocolError, match="nested too deeply"):
        protocol.read_msg(io.BytesIO(protocol.MAGIC + len(shallow_but_deep).to_bytes(4, "little")
                                     + (0).to_bytes(4, "little") + shallow_but_deep))
    with pytest.raises(SandboxError, match="nested too deeply"):
        run(sb, "import os, sys\nh = %r\nos.write(int(sys.argv[2]), %r + len(h).to_bytes(4, 'little') + "
                "bytes(4) + h)\nimport time\ntime.sleep(2)" % (header, protocol.MAGIC))


def test_nothing_inside_names_the_instructors_tree(sb, root):
    """No process's command line or module path inside the sandbox shows the course repository.

    (The kernel's /proc/self/mountinfo still names each bind mount's source; nothing there is reachable.)"""
    ok, text, _ = run(sb, "import glob, sys, course\nfor p in glob.glob('/proc/[0-9]*/cmdline'):\n"
                          "    print(open(p, 'rb').read().replace(b'\\0', b' ').decode())\n"
                          "print(course.__file__, sys.prefix, sys.executable)")
    assert ok and "/opt/dlcourse/course/__init__.py /opt/venv" in text, text
    assert str(root) not in text, [line for line in text.splitlines() if str(root) in line]
