"""Helpers to read rendered PDFs back with poppler-utils (pdftotext, pdfinfo, pdffonts)."""

import re
import shutil
import subprocess
import unicodedata

import pytest

POPPLER = all(shutil.which(tool) for tool in ("pdftotext", "pdfinfo", "pdffonts"))


def _run(args: list[str], pdf: bytes) -> str:
    if not POPPLER:
        pytest.skip("poppler-utils (pdftotext, pdfinfo, pdffonts) không có")
    result = subprocess.run(
        [*args, "-", "-"] if args[0] == "pdftotext" else [*args, "-"], input=pdf, capture_output=True, check=True
    )
    return unicodedata.normalize("NFC", result.stdout.decode("utf-8"))


def pdf_text(pdf: bytes, *, page: int | None = None) -> str:
    """`pdftotext -layout`, the whole document or one page (1-based)."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return _run(["pdftotext", "-layout", *pages], pdf)


def flat(text: str) -> str:
    """Runs of white space as one space: justified lines and side-by-side columns read as plain text."""
    return " ".join(text.split())


def pdf_pages(pdf: bytes) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", _run(["pdfinfo"], pdf), re.M)[1])


def pdf_page_size(pdf: bytes) -> str:
    return re.search(r"^Page size:\s+(.+)$", _run(["pdfinfo"], pdf), re.M)[1].strip()


def pdf_fonts(pdf: bytes) -> list[dict]:
    """pdffonts' table: name, type, embedded."""
    lines = _run(["pdffonts"], pdf).splitlines()[2:]
    fonts = []
    for line in lines:
        parts = line.split()
        # name, type words…, encoding, emb, sub, uni, object, id
        fonts.append({"name": parts[0], "embedded": parts[-5] == "yes"})
    return fonts


def top_line(page_text: str) -> str:
    """The first non-empty line of a page (where the page number sits)."""
    return next((line.strip() for line in page_text.splitlines() if line.strip()), "")
