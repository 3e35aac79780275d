"""Unit tests of course.testing: verdicts, messages, tolerances, gradient checks."""
from __future__ import annotations

import numpy as np
import pytest
import torch

from course import testing


def test_assert_close_accepts_equal_and_float32():
    x = np.linspace(-3, 3, 50)
    testing.assert_close(x.copy(), x)
    testing.assert_close(np.exp(x).astype(np.float32), np.exp(x))  # float32 rounding is fair
    testing.assert_close(torch.tensor(x), x)
    testing.assert_close([1.0, 2.0], np.array([1.0, 2.0]))


def test_assert_close_message_names_worst_element():
    with pytest.raises(AssertionError) as e:
        testing.assert_close(np.array([[1.0, 2.0], [3.0, 9.0]]), np.array([[1.0, 2.0], [3.0, 4.0]]), name="f(x)")
    msg = str(e.value)
    assert "f(x)" in msg and "index (1, 1)" in msg and "expected 4" in msg and "got 9" in msg and "rel. error" in msg


def test_assert_close_rejects_float32_error_beyond_tolerance():
    with pytest.raises(AssertionError):
        testing.assert_close(np.float32(1.001), 1.0)


def test_assert_close_shape_dtype_none():
    with pytest.raises(AssertionError, match="wrong shape: expected \\(3,\\), got \\(3, 1\\)"):
        testing.assert_close(np.zeros((3, 1)), np.zeros(3))
    with pytest.raises(AssertionError, match="forget to `return`"):
        testing.assert_close(None, np.zeros(3))
    with pytest.raises(AssertionError, match="float dtype"):
        testing.assert_close(np.zeros(3, dtype=int), np.zeros(3), check_dtype="float")
    with pytest.raises(AssertionError, match="not numeric"):
        testing.assert_close(np.array(["a"], dtype=object), np.zeros(1))


def test_assert_close_nan_inf_and_hint():
    testing.assert_close(np.array([np.nan, np.inf]), np.array([np.nan, np.inf]))
    with pytest.raises(AssertionError, match="hint: check the axis"):
        testing.assert_close(np.array([np.nan]), np.array([0.0]), hint="check the axis")
    with pytest.raises(AssertionError):
        testing.assert_close(np.array([-np.inf]), np.array([np.inf]))


def test_assert_equal():
    testing.assert_equal(np.array([1, 2, 3]), [1, 2, 3])
    testing.assert_equal(np.array([1.0, 2.0]), np.array([1, 2]))
    with pytest.raises(AssertionError, match="first at index \\(1,\\)"):
        testing.assert_equal([1, 5, 3], [1, 2, 3])
    with pytest.raises(AssertionError):
        testing.assert_equal(np.array([1.5]), np.array([1]))


def test_assert_shape():
    testing.assert_shape(np.zeros((2, 5)), (2, None))
    with pytest.raises(AssertionError, match="expected \\(2, any\\), got \\(5,\\)"):
        testing.assert_shape(np.zeros(5), (2, None))


def test_answers_and_choices():
    with pytest.raises(testing.Unanswered):
        testing.check_answer(None, 1.0)
    with pytest.raises(NotImplementedError):  # Unanswered is a stub failure
        testing.check_choice(None, "abcd")
    testing.check_answer(0.6667, 2 / 3)
    testing.check_answer(7)  # format only
    with pytest.raises(testing.Unanswered):
        testing.check_answer(None)
    with pytest.raises(AssertionError):
        testing.check_answer(0.6, 2 / 3)
    with pytest.raises(AssertionError, match="should be a number"):
        testing.check_answer("two thirds", 2 / 3)
    testing.check_choice("B", "abcd", "b")
    testing.check_choice("c, a", "abcd", "ac")
    testing.check_choice(["a", "c"], "abcd", "ac")
    with pytest.raises(AssertionError, match="do not exist"):
        testing.check_choice("e", "abcd")
    with pytest.raises(AssertionError, match="not the right choice"):
        testing.check_choice("a", "abcd", "ac")


def test_numerical_gradient_matches_closed_forms():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((3, 4))
    testing.assert_close(testing.numerical_gradient(lambda v: np.sum(v ** 2), x), 2 * x, rtol=1e-6, atol=1e-8)
    dout = rng.standard_normal((3, 4))
    testing.assert_close(testing.numerical_gradient(np.tanh, x, dout), (1 - np.tanh(x) ** 2) * dout, rtol=1e-6, atol=1e-8)


def test_numerical_gradient_is_fair_to_float32_functions():
    x = np.linspace(-1, 1, 7)
    g = testing.numerical_gradient(lambda v: np.sin(v.astype(np.float32)), x, h=1e-3)
    testing.assert_close(g, np.cos(x), rtol=1e-3, atol=1e-3)


def test_check_gradient_catches_a_wrong_gradient():
    x = np.array([0.3, -1.2, 2.0])
    testing.check_gradient(lambda v: v ** 3, x, 3 * x ** 2)
    with pytest.raises(AssertionError, match="finite differences"):
        testing.check_gradient(lambda v: v ** 3, x, 2 * x ** 2)


def test_torch_reference_and_vjp():
    x = np.array([[1.0, 2.0, 3.0]])
    sm = testing.torch_reference(lambda t: t.softmax(-1), x)
    testing.assert_close(sm, np.exp(x) / np.exp(x).sum())
    out, (g,) = testing.vjp(lambda t: (t ** 2).sum(-1), x)
    testing.assert_close(out, [14.0])
    testing.assert_close(g, 2 * x)
    out, (g,) = testing.vjp(lambda t: t * 3, x, grad_out=np.array([[1.0, 0.0, 2.0]]))
    testing.assert_close(g, [[3.0, 0.0, 6.0]])


def test_assert_equal_checks_the_dtype_only_where_asked():
    testing.assert_equal(np.array([1.0, 2.0]), np.array([1, 2]))  # by default 2.0 for 2 is fine
    with pytest.raises(AssertionError, match="integer dtype, got float64"):
        testing.assert_equal(np.array([1.0, 2.0]), np.array([1, 2]), check_dtype="int")
    with pytest.raises(AssertionError, match="dtype float32, got float64"):
        testing.assert_close(np.ones(2), np.ones(2), dtype=np.float32)
    import torch

    testing.assert_close(np.ones(2, np.float32), np.ones(2), dtype=torch.float32)


def test_assert_unchanged_names_the_argument_and_the_function():
    x = np.array([1.0, np.nan])
    testing.assert_unchanged(x, x.copy(), name="X", fn="f")  # NaN equals NaN here
    with pytest.raises(AssertionError, match="f modified its argument X in place"):
        testing.assert_unchanged(x + 1, x, name="X", fn="f")
    with pytest.raises(AssertionError, match="in place"):
        testing.assert_unchanged(x.astype(np.float32), x, name="X", fn="f")


def test_vjp_differentiates_only_what_wrt_names():
    def loss(x, beta):
        return (x ** 2).sum() * float(beta)  # float(beta): beta is a number, not a tensor, as the spec says

    out, (dx,) = testing.vjp(loss, np.array([1.0, 2.0]), 0.5, wrt=[0])
    assert out == 2.5 and np.allclose(dx, [1.0, 2.0])


def test_check_answer_wants_a_number_not_text():
    testing.check_answer(200, 200.0)
    with pytest.raises(AssertionError, match="not the string '200'"):
        testing.check_answer("200", 200.0)
    with pytest.raises(AssertionError, match="0.1|not right"):
        testing.check_answer(2.5e-9, 2.4e-9)  # small answers are judged to 0.1 % too
