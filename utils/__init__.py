"""Maintainer tooling: building the release, checking every chapter, the ``dlcourse`` CLI."""
