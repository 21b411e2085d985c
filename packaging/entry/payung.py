"""The frozen build's entry script: the same start as `python -m app` (app/__main__.py).

It sits alone in this folder because PyInstaller puts the script's folder on the analysis path.
"""

from app.__main__ import run

run()
