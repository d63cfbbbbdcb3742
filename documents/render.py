"""Render official documents and certificates to PDF with WeasyPrint, from plain dicts only.

    render_pdf("documents/decision.html", context) -> bytes
    render_many("documents/certificate.html", contexts, chunk_size=100, progress=callback) -> bytes

A context is a frozen snapshot (JSON types only: dict, list, str, int, float, bool, None; dates as ISO
strings, money as int đồng): the caller stores it with the PDF, so an issued document can be shown
again exactly as signed. Model instances are refused. The contract of each template is in
documents/README.md and at the top of the template.

The fonts (Liberation Serif, vendored in static/fonts/) are loaded once through @font-face into one
shared FontConfiguration and embedded in every PDF, so the output does not depend on the fonts
installed on the machine. Templates may refer to files under static/ by relative URL ("img/x.svg");
nothing else is fetched — no network, no other file.
"""

import hashlib
import io
import logging
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

FONT_FAMILY = "Liberation Serif"
FONT_FILES = {
    ("normal", "normal"): "fonts/LiberationSerif-Regular.ttf",
    ("bold", "normal"): "fonts/LiberationSerif-Bold.ttf",
    ("normal", "italic"): "fonts/LiberationSerif-Italic.ttf",
    ("bold", "italic"): "fonts/LiberationSerif-BoldItalic.ttf",
}

Progress = Callable[[int, int], object]

# WeasyPrint logs every layout step at INFO ("Step 5 - Creating layout - Page 12"): far too chatty for
# a worker printing thousands of pages. Settings' LOGGING may still lower it on purpose.
_progress_logger = logging.getLogger("weasyprint.progress")
if _progress_logger.level == logging.NOTSET:
    _progress_logger.setLevel(logging.WARNING)


class StaticOnlyFetcher(URLFetcher):
    """Fetches data: URLs and files under the static folder; refuses everything else (no network)."""

    def __init__(self, root: Path):
        super().__init__(allowed_protocols={"file", "data"}, fail_on_errors=False)
        self.root = root

    def fetch(self, url, headers=None):
        if url.startswith("file:"):
            path = Path(unquote(urlsplit(url).path)).resolve()
            if not path.is_relative_to(self.root):
                raise ValueError(f"Văn bản chỉ được dùng tệp trong thư mục static: {url}")
        return super().fetch(url, headers)


class _Renderer:
    """One per process: the font configuration, the @font-face stylesheet and the fetcher, made once.

    WeasyPrint's font map is not meant to be shared between threads at the same moment, so renders
    in one process take turns (gunicorn's sync workers and Celery's prefork pool never contend)."""

    def __init__(self):
        font = finders.find(FONT_FILES["normal", "normal"])
        if not font:
            raise FileNotFoundError("static/fonts/LiberationSerif-Regular.ttf không tìm thấy")
        self.static_root = Path(font).resolve().parent.parent
        self.base_url = self.static_root.as_uri() + "/"
        self.fetcher = StaticOnlyFetcher(self.static_root)
        self.font_config = FontConfiguration()
        faces = "\n".join(
            f'@font-face {{ font-family: "{FONT_FAMILY}"; src: url("{path}"); font-weight: {weight}; font-style: {style}; }}'
            for (weight, style), path in FONT_FILES.items()
        )
        self.fonts_css = CSS(string=faces, base_url=self.base_url, url_fetcher=self.fetcher, font_config=self.font_config)
        self.lock = threading.RLock()

    def document(self, template_name: str, context: dict):
        """Lay out one context (a weasyprint Document; call with the lock held)."""
        html = render_to_string(template_name, context)
        source = HTML(string=html, base_url=self.base_url, url_fetcher=self.fetcher)
        return source.render(stylesheets=[self.fonts_css], font_config=self.font_config)


_renderer: _Renderer | None = None
_renderer_lock = threading.Lock()


def _get_renderer() -> _Renderer:
    global _renderer
    with _renderer_lock:
        if _renderer is None:
            _renderer = _Renderer()
        return _renderer


def check_plain(value, path: str = "context") -> None:
    """Refuse anything but JSON data: documents are rendered from frozen snapshots, never from live objects."""
    if value is None or isinstance(value, str | bool | int | float):
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"{path}: khóa phải là chuỗi, không phải {type(key).__name__}")
            check_plain(item, f"{path}[{key!r}]")
        return
    if isinstance(value, list | tuple):
        for index, item in enumerate(value):
            check_plain(item, f"{path}[{index}]")
        return
    raise TypeError(
        f"{path}: {type(value).__name__} không phải dữ liệu thuần (dict/list/str/int/float/bool/None). "
        "Hãy truyền bản chụp dữ liệu (ngày dạng ISO 'YYYY-MM-DD', tiền là số nguyên đồng), không truyền đối tượng."
    )


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render one document (templates/documents/…) to PDF bytes."""
    check_plain(context)
    renderer = _get_renderer()
    with renderer.lock:
        return renderer.document(template_name, context).write_pdf()


def render_many(
    template_name: str, contexts: Sequence[dict], *, chunk_size: int = 100, progress: Progress | None = None
) -> bytes:
    """Render each context as its own document (one certificate per page, say) and join all pages into ONE PDF.

    Contexts are laid out and written chunk by chunk, so memory stays bounded by the chunk (a laid-out
    page holds about 1 MB until it is written) whatever the batch size; `progress(done, total)` is
    called after each chunk, so a Celery task can store how far it got. The chunks' PDFs are then
    joined with pypdf (each chunk embeds its own font subsets, ~100 KB)."""
    if chunk_size < 1:
        raise ValueError("chunk_size phải lớn hơn 0")
    if not contexts:
        raise ValueError("Không có văn bản nào để in")
    for index, context in enumerate(contexts):
        check_plain(context, f"contexts[{index}]")
    renderer = _get_renderer()
    total = len(contexts)
    parts = []
    for start in range(0, total, chunk_size):
        chunk = contexts[start : start + chunk_size]
        with renderer.lock:
            documents = [renderer.document(template_name, context) for context in chunk]
            pages = [page for document in documents for page in document.pages]
            parts.append(documents[0].copy(pages).write_pdf())
        del documents, pages
        if progress is not None:
            progress(start + len(chunk), total)
    return parts[0] if len(parts) == 1 else join_pdfs(parts)


def join_pdfs(parts: Sequence[bytes]) -> bytes:
    """One PDF with all pages of `parts`, in order; the first part's metadata (title, author) is kept.

    WeasyPrint names a font subset after the font alone ("SWSLVQ+Liberation-Serif"), so every part has
    its own, different subset under the same name; some viewers and printers would reuse the first one
    and lose glyphs. Each later part's subsets are renamed with a tag of their own."""
    writer = PdfWriter()
    for index, part in enumerate(parts):
        start = len(writer.pages)
        writer.append(PdfReader(io.BytesIO(part)))
        if index:
            seen: set[int] = set()
            for page in writer.pages[start:]:
                _retag_fonts(page.get("/Resources"), salt=str(index), seen=seen)
    first = PdfReader(io.BytesIO(parts[0])).metadata
    if first:
        writer.add_metadata({key: value for key, value in first.items() if isinstance(value, str)})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _retag(name: str, salt: str) -> NameObject:
    tag, plus, rest = name.lstrip("/").partition("+")
    if not plus or len(tag) != 6:
        return NameObject(name)
    digest = hashlib.md5(f"{tag}:{salt}".encode(), usedforsecurity=False).digest()
    return NameObject("/" + "".join(chr(65 + byte % 26) for byte in digest[:6]) + "+" + rest)


def _retag_fonts(resources, *, salt: str, seen: set[int]) -> None:
    """Rename the font subsets used under `resources` (fonts, and forms' own resources)."""
    if resources is None:
        return
    resources = resources.get_object()
    if id(resources) in seen:
        return
    seen.add(id(resources))
    for ref in (resources.get("/Font") or {}).values():
        font = ref.get_object()
        if id(font) in seen:
            continue
        seen.add(id(font))
        fonts = [font, *(descendant.get_object() for descendant in font.get("/DescendantFonts", []))]
        for each in fonts:
            if "/BaseFont" in each:
                each[NameObject("/BaseFont")] = _retag(each["/BaseFont"], salt)
            if "/FontDescriptor" in each:
                descriptor = each["/FontDescriptor"].get_object()
                descriptor[NameObject("/FontName")] = _retag(descriptor["/FontName"], salt)
    for ref in (resources.get("/XObject") or {}).values():
        _retag_fonts(ref.get_object().get("/Resources"), salt=salt, seen=seen)


def static_root() -> Path:
    """The folder that relative URLs in document templates resolve against (settings' static/)."""
    return _get_renderer().static_root


__all__ = ["check_plain", "join_pdfs", "render_many", "render_pdf", "static_root"]
