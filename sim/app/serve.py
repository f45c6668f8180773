"""``patronage-app``: serve the teaching page (``sim.app.page``) on this computer.

Kept apart from ``sim.app.page`` so the command starts at once: the page's
imports (Solara, Mesa's visualisation) load in the server process only.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

DEFAULT_PORT = 8765


def server_command(host: str, port: int, open_browser: bool = False) -> list[str]:
    """The ``solara run`` command that serves the page (production mode: no reloading)."""
    return [
        sys.executable,
        "-m",
        "solara",
        "run",
        "sim.app.page",
        "--host",
        host,
        "--port",
        str(port),
        "--production",
        "--open" if open_browser else "--no-open",
    ]


def server_environment() -> dict[str, str]:
    """This environment, with Solara's usage reporting and badge off, this package importable."""
    env = dict(os.environ)
    env["SOLARA_TELEMETRY_MIXPANEL_ENABLE"] = "False"
    env["SOLARA_THEME_SHOW_BANNER"] = "False"  # "This website runs on Solara" would cover the page
    env["SOLARA_THEME_TITLE"] = "patronage"
    root = str(Path(__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    return env


def main(argv: list[str] | None = None) -> int:
    """Serve the teaching page until Ctrl+C."""
    parser = argparse.ArgumentParser(
        prog="patronage-app",
        description="Serve the patronage teaching page on this computer and print its address.",
    )
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"port to serve on (default {DEFAULT_PORT})"
    )
    parser.add_argument(
        "--host", default="localhost", help="address to serve on (default localhost)"
    )
    parser.add_argument("--open", action="store_true", help="open the page in a browser")
    args = parser.parse_args(argv)
    if not 1 <= args.port <= 65535:
        parser.error(f"--port={args.port} is not allowed: use a port from 1 to 65535")
    print(
        f"patronage-app: teaching page at http://{args.host}:{args.port}/ "
        "(ready in a few seconds; Ctrl+C stops it)",
        flush=True,
    )
    command = server_command(args.host, args.port, args.open)
    # the server takes this process's place, so stopping this process stops the server
    os.execve(command[0], command, server_environment())
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main())
