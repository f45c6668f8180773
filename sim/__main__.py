"""``python -m sim`` is the ``patronage`` command."""

from .runs.cli import main

if __name__ == "__main__":
    main()
