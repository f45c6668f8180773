"""``python -m sim`` is the ``patronage`` command."""

from .cli import main

if __name__ == "__main__":
    main()
