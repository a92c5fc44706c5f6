"""``python -m pacxl``."""

from .cli import run

run()
