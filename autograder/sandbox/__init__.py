"""Running student code apart from the code that judges it.

* :mod:`.protocol` -- the wire format and its strict decoder (the security boundary);
* :mod:`.worker` -- the student side, started inside bubblewrap;
* :mod:`.client` -- the grader's side: starting, bounding and talking to a worker, and the
  proxies that stand for student functions and objects in test cells;
* :mod:`.executor` -- executing a whole notebook across the two sides.

See ``docs/grading.md`` for the design and why it is safe.
"""
