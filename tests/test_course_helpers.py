"""Unit tests of course.data, course.plotting and course.widgets."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from course import data, plotting, widgets


def test_split_is_a_seeded_partition():
    X, y = np.arange(100).reshape(50, 2), np.arange(50)
    s = data.split(X, y, val=0.2, test=0.1, seed=3)
    (Xtr, ytr), (Xva, yva), (Xte, yte) = s
    assert (len(ytr), len(yva), len(yte)) == (35, 10, 5)
    assert sorted(np.concatenate([ytr, yva, yte]).tolist()) == list(range(50))
    np.testing.assert_array_equal(Xtr[:, 0], 2 * ytr)  # rows stay paired with labels
    assert data.split(X, y, seed=3).train[1].tolist() == data.split(X, y, seed=3).train[1].tolist()
    assert data.split(X, y, seed=3).train[1].tolist() != data.split(X, y, seed=4).train[1].tolist()


def test_split_rejects_bad_input():
    with pytest.raises(ValueError, match="rows"):
        data.split(np.zeros((3, 1)), np.zeros(4))
    with pytest.raises(ValueError, match="fractions"):
        data.split(np.zeros((3, 1)), np.zeros(3), val=0.6, test=0.5)


def test_bundled_datasets():
    s = data.load_digits()
    assert s.train[0].shape[1] == 64 and sum(len(p[1]) for p in s) == 1797
    assert data.load_digits(flat=False).test[0].shape[1:] == (8, 8)
    assert sum(len(p[1]) for p in data.load_iris()) == 150
    img = data.load_sample_image(grey=True, scale=4)
    assert img.ndim == 2 and 0 <= img.min() and img.max() <= 1


@pytest.mark.parametrize("make", [data.make_blobs, data.make_moons, data.make_spirals])
def test_synthetic_classification_sets(make):
    X, y = make(n=90, seed=1)
    assert X.shape == (90, 2) and y.shape == (90,) and y.dtype == np.int64
    np.testing.assert_array_equal(make(n=90, seed=1)[0], X)


def test_regression_curve():
    x, y = data.make_regression_curve(n=30, noise=0.0, kind="line")
    np.testing.assert_allclose(y, 2 * x[:, 0] - 0.5)
    with pytest.raises(ValueError, match="kind"):
        data.make_regression_curve(kind="cubic")


def test_plotting_helpers_draw():
    X, y = data.make_blobs(n=30, seed=0)
    ax = plotting.decision_boundary(lambda P: (P[:, 0] > 0).astype(int), X, y, resolution=20)
    assert ax.collections, "nothing was drawn"
    ax = plotting.training_curves({"train": [3, 2, 1], "val": [3, 2.5, 2]})
    assert len(ax.lines) == 2
    fig = plotting.image_grid(np.zeros((5, 8, 8)), labels=list("abcde"), cols=3)
    assert len(fig.axes) == 6
    plt.close("all")


def test_explorer_redraws_when_a_control_moves():
    calls = []

    def draw(fig, k, mode):
        calls.append((k, mode))
        fig.add_subplot().plot(np.arange(k))

    w = widgets.explorer(draw, {"k": widgets.int_slider(2, 1, 9), "mode": widgets.dropdown(["a", "b"])})
    assert w.draw_count == 1 and calls == [(2, "a")]
    w.controls["k"].value = 5
    w.controls["mode"].value = "b"
    assert w.draw_count == 3 and calls[-1] == (5, "b")
    assert len(w.figure.axes) == 1  # cleared before each redraw
    plt.close("all")


def test_explorer_names_the_exercise_while_a_function_is_a_stub():
    from course import unsolved

    def split_points(n):
        raise NotImplementedError("not done yet")

    def draw(fig, n):
        fig.add_subplot().plot(split_points(n))

    unsolved.register({"split_points": 3})
    w = widgets.explorer(draw, {"n": widgets.int_slider(2, 1, 9)})
    texts = [t.get_text() for ax in w.figure.axes for t in ax.texts]
    assert w.draw_count == 1 and texts == ["This figure runs your split_points:\nsolve exercise 3 first."]
    unsolved._EXERCISE_OF.pop("split_points")
    w.controls["n"].value = 3  # an unregistered stub: its own message, never a traceback
    assert "not done yet" in w.figure.axes[0].texts[0].get_text()
    plt.close("all")


def test_a_class_whose_method_is_a_stub_names_its_exercise():
    from course import unsolved

    class Encoder:
        def forward(self, x):
            raise NotImplementedError("not done yet")

    unsolved.register({"Encoder": 5})
    try:
        with pytest.raises(unsolved.NotSolvedYet, match="your Encoder.*exercise 5"):
            with unsolved.needs_your_code():
                Encoder().forward(1)
    finally:
        unsolved._EXERCISE_OF.pop("Encoder")


def test_device_is_chosen_by_cuda_and_dlcourse_device(monkeypatch):
    import torch

    from course import device as dev

    monkeypatch.delenv(dev.ENV, raising=False)
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    assert dev.device() == torch.device("cpu") and not dev.on_gpu()
    monkeypatch.setenv(dev.ENV, "cuda")
    with pytest.raises(RuntimeError, match="DLCOURSE_DEVICE=cuda but PyTorch sees no CUDA device.*unset it"):
        dev.device()  # never a silent CPU run that a GPU benchmark would report as a GPU figure
    monkeypatch.setenv(dev.ENV, "gpu")
    with pytest.raises(ValueError, match="set it to cpu or cuda"):
        dev.device()
    # A GPU that PyTorch sees is chosen unless the variable says cpu (no CUDA is needed to name the device).
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "device_count", lambda: 1)
    monkeypatch.delenv(dev.ENV)
    assert dev.device() == torch.device("cuda") and dev.on_gpu()
    monkeypatch.setenv(dev.ENV, " CPU ")
    assert dev.device() == torch.device("cpu") and "CPU" in dev.describe() and "DLCOURSE_DEVICE=cpu" in dev.describe()
    monkeypatch.setenv(dev.ENV, "cuda:1")
    with pytest.raises(RuntimeError, match="only 1 GPU"):
        dev.device()


def test_to_numpy_takes_a_tensor_that_is_part_of_a_graph():
    import torch

    from course.device import to_numpy

    t = torch.arange(3.0, requires_grad=True) * 2
    with pytest.raises(RuntimeError):
        t.numpy()  # what a demo would hit without the helper
    a = to_numpy(t)
    assert isinstance(a, np.ndarray) and a.tolist() == [0.0, 2.0, 4.0]


def test_gpu_check_without_cuda_runs_the_cpu_side_only(monkeypatch, capsys):
    import torch

    from utils import gpu_check

    assert gpu_check.parse_args(["--chapters", "02_neural_networks,03", "--chapters", "05"]).chapters == \
        ["02_neural_networks", "03", "05"]
    ran = []

    def fake_run(folder, device, cell_timeout):  # no chapter is executed here: that is `make gpu-check`'s job
        ran.append((folder.name, device))
        failed = ["cell 7 (x-test): AssertionError: off"] if (folder.name, device) == ("03_convolutions", "cuda") else []
        return gpu_check.Side(device, seconds=3.0 if device == "cpu" else 1.5, cells=9, failed=failed)

    monkeypatch.setattr(gpu_check, "run_chapter", fake_run)
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    assert gpu_check.main(["--chapters", "02,03"]) == 0
    out = capsys.readouterr().out
    assert ran == [("02_neural_networks", "cpu"), ("03_convolutions", "cpu")]
    assert "no CUDA device" in out and "only the CPU side runs" in out and out.count("yes (CPU only)") == 2

    ran.clear()
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "get_device_name", lambda i=None: "Test GPU")
    assert gpu_check.main(["--chapters", "02,03"]) == 1  # a cell failed on the GPU side
    out = capsys.readouterr().out
    assert ran == [("02_neural_networks", "cpu"), ("02_neural_networks", "cuda"),
                   ("03_convolutions", "cpu"), ("03_convolutions", "cuda")]
    row02 = next(line for line in out.splitlines() if line.startswith("02_neural_networks"))
    assert row02.split()[1:5] == ["9", "3.0", "1.5", "2.00"] and row02.endswith("yes, both ways")
    assert "cuda FAILED (1 cell(s))" in out and "03_convolutions on cuda: cell 7 (x-test)" in out

    assert gpu_check.main(["--chapters", "99_nothing"]) == 2
    assert "unknown chapter" in capsys.readouterr().err


def test_gpu_check_runs_a_notebook_in_a_kernel_told_its_device(tmp_path):
    import nbformat

    from utils import gpu_check

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import os\nassert os.environ['DLCOURSE_DEVICE'] == 'cpu'"),
                                         nbformat.v4.new_code_cell("1 / 0")])
    nbformat.write(nb, tmp_path / "t.ipynb")
    side = gpu_check.run_notebook(tmp_path / "t.ipynb", "cpu", cell_timeout=60)
    assert "DLCOURSE_DEVICE=cpu" in side.where and side.cells == 2
    assert side.failed == ["cell 1: ZeroDivisionError: division by zero"]
