"""Draw the share images (og:image) in static/share/: one for the site and one
per kind of page, 1200x630 as link previews expect.

Run by hand when the site's title or look changes; the build only copies the
committed PNGs, so it needs no imaging library:

    pip install "pillow>=10.1"      # a script dependency, not the build's
    python scripts/make_share_images.py [--content content]

Text is set in DejaVu Sans (Debian's fonts-dejavu-core) when installed, else
in Pillow's own font. PNGs written by Pillow carry no timestamp, so the same
inputs give the same bytes.
"""
from __future__ import annotations

import argparse
from pathlib import Path

import yaml
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "static" / "share"
SIZE = (1200, 630)            # metadata.SHARE_IMAGE_SIZE
BG, FG, MUTED, ACCENT = "#fdfdfb", "#1d1f21", "#5a5f66", "#0b5cad"   # static/site.css
FONTS = Path("/usr/share/fonts/truetype/dejavu")

# File name (metadata.share_image) -> the line naming the kind of page.
KINDS = {"site": "", "countries": "Countries", "people": "People", "events": "Events",
         "organizations": "Organizations", "topics": "Topics", "sources": "Sources"}
TAGLINE = "Every fact cited to its source document"


def font(size: int, bold: bool = False):
    path = FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    return ImageFont.truetype(str(path), size) if path.is_file() else ImageFont.load_default(size)


def wrap(draw: ImageDraw.ImageDraw, text: str, face, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=face) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


def card(title: str, kind_label: str) -> Image.Image:
    image = Image.new("RGB", SIZE, BG)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 24, SIZE[1]), fill=ACCENT)
    x, y = 96, 120
    if kind_label:
        draw.text((x, y), kind_label.upper(), font=font(40, bold=True), fill=ACCENT)
        y += 80
    face = font(84, bold=True)
    for line in wrap(draw, title, face, SIZE[0] - 2 * x):
        draw.text((x, y), line, font=face, fill=FG)
        y += 104
    draw.text((x, SIZE[1] - 120), TAGLINE, font=font(36), fill=MUTED)
    return image


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--content", type=Path, default=ROOT / "content")
    content = args.parse_args().content
    title = yaml.safe_load((content / "site.yml").read_text(encoding="utf-8"))["title"]
    OUT.mkdir(parents=True, exist_ok=True)
    for name, label in KINDS.items():
        path = OUT / f"{name}.png"
        card(title, label).save(path, optimize=True)
        print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
