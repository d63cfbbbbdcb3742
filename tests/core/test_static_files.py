"""Static files that the production build (collectstatic with the manifest storage) must be able to process."""

import re
from pathlib import Path

from django.conf import settings

SOURCE_MAP = re.compile(r"[#@]\s*sourceMappingURL=(\S+?)\s*(?:\*/)?\s*$", re.MULTILINE)


def test_every_source_map_a_static_file_names_is_shipped():
    missing = []
    for folder in settings.STATICFILES_DIRS:
        for path in Path(folder).rglob("*"):
            if path.suffix not in {".js", ".css"}:
                continue
            for name in SOURCE_MAP.findall(path.read_text(encoding="utf-8", errors="replace")):
                if not name.startswith("data:") and not (path.parent / name).is_file():
                    missing.append(f"{path.relative_to(folder)} → {name}")
    assert missing == []
