"""Every page names its icons, SVG and a PNG fallback, under the base path, and
each exists in the built site (issue 16)."""
from __future__ import annotations

import re

from conftest import html_pages


def test_png_fallback_icons_exist_under_the_base_path(built_site):
    site = built_site("fixture", "/az-latam/")
    for page in html_pages(site):
        text = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in text:
            continue   # moved-page stubs
        for pattern in [r'<link rel="icon" type="image/png"[^>]* href="/az-latam/([^"]+\.png)">',
                        r'<link rel="apple-touch-icon" href="/az-latam/([^"]+\.png)">']:
            found = re.search(pattern, text)
            assert found and (site / found.group(1)).is_file(), (page, pattern)
