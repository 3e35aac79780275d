"""The Deep Learning Workbook's helper package, imported by every chapter notebook.

Split by concern:

* :mod:`course.testing` -- comparisons and gradient checks used by the graded tests;
* :mod:`course.data` -- offline data sets and seeded splits;
* :mod:`course.plotting` -- the figures the chapters draw again and again;
* :mod:`course.widgets` -- small builders for interactive figures;
* :mod:`course.device` -- where the chapters train (a GPU when present);
* :mod:`course.unsolved` -- demos that wait politely for an exercise to be solved.

The sub-modules are imported lazily by name (``from course import testing``) so that
``import course`` stays cheap for the grader.
"""

__all__ = ["testing", "data", "plotting", "widgets", "device", "unsolved"]
__version__ = "0.1.0"
