"""Registers its commands on factcheck.cli.app (see cli/app.py)."""
