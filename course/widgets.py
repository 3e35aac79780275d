"""Builders for interactive figures.

:func:`explorer` ties a drawing function to a set of controls: each time a
control moves, the figure is cleared and redrawn with the new values.  It
returns the widget, so a notebook shows it by leaving it as the cell's last
expression, and a test can move a control and check the redraw happened
(``w.controls["k"].value = 5; w.draw_count``).
"""
from __future__ import annotations

from typing import Callable, Mapping

__all__ = ["slider", "int_slider", "dropdown", "explorer"]


def slider(value: float, lo: float, hi: float, step: float = 0.1, description: str = ""):
    """A float slider that only redraws when released (cheap on slow figures)."""
    import ipywidgets as w

    return w.FloatSlider(value=value, min=lo, max=hi, step=step, description=description, continuous_update=False)


def int_slider(value: int, lo: int, hi: int, step: int = 1, description: str = ""):
    """An integer slider that only redraws when released."""
    import ipywidgets as w

    return w.IntSlider(value=value, min=lo, max=hi, step=step, description=description, continuous_update=False)


def dropdown(options, value=None, description: str = ""):
    """A drop-down list of options."""
    import ipywidgets as w

    return w.Dropdown(options=options, value=value if value is not None else list(options)[0], description=description)


def explorer(draw: Callable[..., None], controls: Mapping[str, object], figsize=(6, 4.5), title: str | None = None):
    """An interactive figure: ``draw(fig, **values)`` redrawn whenever a control changes.

    Args:
        draw: draws on the (already cleared) matplotlib figure it is given, using
            the current control values as keyword arguments.
        controls: name -> ipywidget (a slider, a drop-down, ...).
        figsize: size of the figure in inches.
        title: an optional heading shown above the controls.

    Returns:
        An ``ipywidgets.VBox`` with extra attributes ``controls`` (the mapping),
        ``figure`` and ``draw_count`` (how many times it has drawn).
    """
    import ipywidgets as w
    import matplotlib.pyplot as plt

    out = w.Output()
    with plt.ioff():
        fig = plt.figure(figsize=figsize)
    # Detach it from pyplot: the inline backend would otherwise show it again, as a
    # stale copy, under the next cell.  It still draws when displayed.
    plt.close(fig)
    box_children = ([w.HTML(f"<b>{title}</b>")] if title else []) + [w.HBox(list(controls.values())), out]
    box = w.VBox(box_children)
    box.controls = dict(controls)
    box.figure = fig
    box.draw_count = 0

    def redraw(*_):
        fig.clear()
        try:
            draw(fig, **{k: c.value for k, c in controls.items()})
        except NotImplementedError as exc:  # a learner's function is still a stub: say which, not a traceback
            from .unsolved import placeholder

            placeholder(fig, exc)
        box.draw_count += 1
        out.clear_output(wait=True)
        with out:
            from IPython.display import display

            display(fig)

    for c in controls.values():
        c.observe(redraw, names="value")
    redraw()
    return box

