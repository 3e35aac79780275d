"""Grading a class: nbgrader autograde run over a folder of submissions.

:mod:`autograder.coursedir` wraps nbgrader's Python API around a course
directory (generate, autograde, feedback, read the gradebook); it is the one
grading path that both ``dlcourse check`` and ``dlcourse grade`` use.
:mod:`autograder.grade` grades a folder of submissions into a CSV.
"""
