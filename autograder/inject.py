"""An nbgrader preprocessor that fills in outputs computed by the sandboxed executor.

It takes the place of nbgrader's ``Execute`` in ``Autograde.autograde_preprocessors``,
so everything after it (``SaveAutoGrades``, late penalties, the gradebook, the
formgrader, feedback) works unchanged.  Outputs are matched to cells by a hash
of each cell's type and source; any mismatch fails the submission loudly rather
than scoring the wrong cell.
"""
from __future__ import annotations

import json
from pathlib import Path

import nbformat
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Unicode

from .submission import cell_hash


class InjectOutputs(NbGraderPreprocessor):
    results_dir = Unicode("", help="Folder of <student>/<assignment>/<notebook>.json execution results").tag(config=True)

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        path = Path(self.results_dir) / info["student"] / info["assignment"] / f"{info['notebook']}.json"
        if not path.is_file():
            raise RuntimeError(f"no execution result for {info['student']}/{info['assignment']} ({path})")
        result = json.loads(path.read_text())
        hashes, outputs = result["hashes"], result["outputs"]
        if len(hashes) != len(nb.cells):
            raise RuntimeError(f"executed notebook has {len(hashes)} cells, nbgrader's has {len(nb.cells)}")
        for i, (cell, h, outs) in enumerate(zip(nb.cells, hashes, outputs)):
            if cell_hash(cell.cell_type, cell.source) != h:
                raise RuntimeError(f"cell {i} differs between the executed notebook and nbgrader's copy")
            if cell.cell_type == "code":
                cell.outputs = [nbformat.from_dict(o) for o in outs]
                cell.execution_count = None
        nb.metadata.setdefault("dlcourse", {})["grading"] = {
            "seconds": round(result.get("seconds", 0.0), 2), "restarts": result.get("restarts", 0),
            "notes": result.get("notes", [])}
        return nb, resources
