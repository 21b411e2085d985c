"""`python -m app` is the same as the `payung` command; the frozen build starts here too."""

import multiprocessing
import sys
from typing import NoReturn


def run() -> NoReturn:
    # The spreadsheet reader runs in a spawned child. In the frozen build that child is this
    # executable again: freeze_support() turns it into the reader and never returns there.
    # Called before anything heavy is imported, so the child starts fast; a no-op otherwise.
    multiprocessing.freeze_support()
    from app.cli import main

    sys.exit(main())


if __name__ == "__main__":
    run()
