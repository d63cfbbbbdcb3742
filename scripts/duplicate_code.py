"""Repeated code across the apps, as pylint's duplicate-code check (R0801) counts it with its defaults
(4 or more similar lines; comments, docstrings, imports and signatures ignored). Prints the number of
repeated blocks and the lines they hold; docs/architecture.md records the figures.

    .venv/bin/python scripts/duplicate_code.py [--list]
"""

import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    apps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]["root_packages"]
    apps = [app for app in apps if (ROOT / app).is_dir()]
    out = subprocess.run(
        [sys.executable, "-m", "pylint", "--disable=all", "--enable=R0801", "--ignore=migrations", "--score=n", *apps],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout
    blocks = out.split("R0801")[1:]
    lines = 0
    for block in blocks:
        first = re.search(r"==([\w.]+):\[(\d+):(\d+)\]", block)
        lines += int(first[3]) - int(first[2])
        if "--list" in sys.argv:
            print(" ~ ".join(f"{m[0]}:{m[1]}-{m[2]}" for m in re.findall(r"==([\w.]+):\[(\d+):(\d+)\]", block)))
    print(f"pylint R0801 over {', '.join(apps)}: {len(blocks)} repeated blocks, {lines} repeated lines")


if __name__ == "__main__":
    main()
