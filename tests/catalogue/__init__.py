"""Wrong and alternative-correct implementations, one module per chapter.

Each module defines ``CHAPTER`` (the chapter id), ``WRONG`` and ``CORRECT``:
``{exercise slug: {variant name: source code}}``.  ``tests/test_catalogue.py``
proves every WRONG variant loses points and every CORRECT one earns them all.
"""
