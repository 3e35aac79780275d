"""Figures and demos that run a learner's functions, while some of them are still stubs.

A chapter registers which exercise each of its functions belongs to; a demo cell then
runs inside :func:`needs_your_code`, and an explorer's draw function is wrapped in
:func:`until_solved`.  When the code meets a stub (a ``NotImplementedError`` raised by one
of the registered functions) the cell says "solve exercise N first" instead of failing
somewhere inside, and later cells are not left with a NameError to puzzle over.

    unsolved.register({"split_indices": 1, "standardize_splits": 2})
    with unsolved.needs_your_code():
        train, val, test = split_indices(100)
"""
from __future__ import annotations

import contextlib
import functools
import traceback
from typing import Callable, Mapping

__all__ = ["NotSolvedYet", "register", "needs_your_code", "until_solved", "placeholder"]

_EXERCISE_OF: dict[str, int | str] = {}


class NotSolvedYet(NotImplementedError):
    """A figure or demo needs a function whose exercise is not solved yet."""

    def _render_traceback_(self):  # IPython shows this one line instead of a traceback
        return [f"NotSolvedYet: {self}"]


def register(exercise_of: Mapping[str, int | str]) -> None:
    """Tell the demos which exercise (number or title) each function name belongs to."""
    _EXERCISE_OF.update(exercise_of)


def _stub_of(exc: BaseException) -> str | None:
    """The registered function whose stub raised ``exc`` (the innermost one), or None."""
    for frame, _ in reversed(list(traceback.walk_tb(exc.__traceback__))):
        code = frame.f_code
        # The function itself, or the class whose method it is ("VAE.forward" -> VAE, "f.<locals>.VAE.forward" too).
        for name in (code.co_name, *reversed(code.co_qualname.split(".")[:-1])):
            if name in _EXERCISE_OF:
                return name
    return None


def _message(name: str) -> str:
    return f"this cell runs your {name}, which is not done yet: solve exercise {_EXERCISE_OF[name]} first"


@contextlib.contextmanager
def needs_your_code():
    """Run a demo cell's body; on a registered stub, stop with "solve exercise N first"."""
    try:
        yield
    except NotSolvedYet:
        raise
    except NotImplementedError as exc:
        name = _stub_of(exc)
        if name is None:
            raise
        raise NotSolvedYet(_message(name) + ", then run this cell again") from None


def placeholder(fig, exc: NotImplementedError) -> None:
    """Draw on ``fig`` what a figure shows while a function it runs is a stub: the exercise, if registered."""
    name = _stub_of(exc)
    if name is not None:
        text = f"This figure runs your {name}:\nsolve exercise {_EXERCISE_OF[name]} first."
    else:
        text = "This figure runs a function you have not written yet:\n" + (str(exc) or type(exc).__name__)[:200]
    fig.clear()
    ax = fig.add_subplot(1, 1, 1)
    ax.axis("off")
    ax.text(0.5, 0.5, text, ha="center", va="center", wrap=True, transform=ax.transAxes)


def until_solved(draw: Callable[..., None]) -> Callable[..., None]:
    """Wrap an explorer's ``draw(fig, **values)``: on a registered stub the figure names the exercise."""

    @functools.wraps(draw)
    def wrapped(fig, **values):
        try:
            draw(fig, **values)
        except NotImplementedError as exc:
            if _stub_of(exc) is None:
                raise
            placeholder(fig, exc)

    return wrapped
