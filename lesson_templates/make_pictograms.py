"""Renders the OpenMoji pictograms in materials/pictograms/ as PNG files, one <id>.png per entry in pictograms.yaml.

A development tool only: the app reads the PNG files that are committed beside pictograms.yaml and never runs
this script, so its extra dependency (CairoSVG) is deliberately not in requirements.txt. Run it after adding,
removing or changing an entry in pictograms.yaml, and commit the changed PNG files.

Setup (once):

    pip install cairosvg                       # into the project venv; needs the Cairo library:
    sudo apt-get install libcairo2             # (Debian/Ubuntu; usually installed already)
    cd /tmp && npm pack openmoji@17.0.0 && mkdir -p openmoji && tar xzf openmoji-17.0.0.tgz -C openmoji

Run, from the repository root, with the path to the extracted npm package (the folder holding color/svg/):

    python lesson_templates/make_pictograms.py /tmp/openmoji/package

Each PNG is the colour SVG of OpenMoji 17.0.0, unchanged except for its margins: OpenMoji draws on a 72×72 grid
with an empty margin, and faces and figures keep inside the square 10..62, so that square is cropped out and
rendered at 480×480 px on a transparent background. A drawing that reaches beyond the square (a wide object, a
raised hand) gets the smallest larger square that holds all of it, so nothing is ever cut off or touches the edge. The PNGs are reduced to a 256-colour palette to
keep the repository small. The output is the same every time for the same OpenMoji and library versions.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import sys
from pathlib import Path

from PIL import Image
from ruamel.yaml import YAML

try:
    import cairosvg
except (ImportError, OSError) as exc:  # OSError: the Python package is there but libcairo is not
    sys.exit(f"CairoSVG is needed: pip install cairosvg (and apt-get install libcairo2). ({exc})")

ROOT = Path(__file__).resolve().parents[1]
PICTOGRAM_DIR = ROOT / "materials" / "pictograms"
YAML_PATH = PICTOGRAM_DIR / "pictograms.yaml"

OPENMOJI_VERSION = "17.0.0"  # LICENSE.md names this version; change both together
SIZE = 480  # output width and height in pixels
GRID = 72  # every OpenMoji SVG has viewBox="0 0 72 72"
NATURAL = (10.0, 62.0)  # the square (in grid units) that holds almost every OpenMoji drawing
MARGIN = 0.5  # grid units kept around a drawing that reaches beyond that square
PROBE = 4  # pixels per grid unit when measuring where a drawing's ink is


def read_pictograms(path: Path = YAML_PATH) -> dict[str, str]:
    """The pictograms as {id: OpenMoji hexcode}, in file order."""
    data = YAML(typ="safe").load(path)
    return {str(p["id"]): str(p["openmoji"]) for p in data["pictograms"]}


def check_package(folder: Path) -> Path:
    """The package's colour SVG folder, after checking that it is the OpenMoji version LICENSE.md names."""
    svg_dir = folder / "color" / "svg"
    if not svg_dir.is_dir():
        sys.exit(f"{svg_dir} does not exist: give the folder of the extracted openmoji npm package")
    version = json.loads((folder / "package.json").read_text(encoding="utf-8")).get("version")
    if version != OPENMOJI_VERSION:
        sys.exit(f"this is OpenMoji {version}, but the pictograms are made from {OPENMOJI_VERSION}")
    return svg_dir


def with_viewbox(svg: str, x: float, y: float, side: float) -> str:
    """The SVG text with the root element's viewBox replaced by the square (x, y, side)."""
    new, count = re.subn(r'(<svg\b[^>]*?\bviewBox=")[^"]*(")', rf"\g<1>{x:g} {y:g} {side:g} {side:g}\g<2>",
                         svg, count=1)
    if not count:
        raise ValueError("the SVG has no viewBox on its root element")
    return new


def render(svg: str, pixels: int) -> Image.Image:
    """The SVG's viewBox drawn as a pixels × pixels RGBA image (transparent where nothing is drawn)."""
    png = cairosvg.svg2png(bytestring=svg.encode("utf-8"), output_width=pixels, output_height=pixels)
    return Image.open(io.BytesIO(png)).convert("RGBA")


def crop_square(svg: str) -> tuple[float, float, float]:
    """The square (x, y, side), in grid units, to show: the natural square, grown to hold all of the drawing."""
    ink = render(svg, GRID * PROBE).getchannel("A").getbbox()
    if ink is None:
        raise ValueError("the SVG draws nothing")
    left, top, right, bottom = (v / PROBE for v in ink)
    lo, hi = NATURAL
    # A side grows only where ink reaches the natural square's edge or beyond, and then by a margin, so that no
    # drawing touches the edge of the picture.
    lo_x, hi_x = (lo if left > lo else left - MARGIN), (hi if right < hi else right + MARGIN)
    lo_y, hi_y = (lo if top > lo else top - MARGIN), (hi if bottom < hi else bottom + MARGIN)
    side = max(hi_x - lo_x, hi_y - lo_y)
    # Centre the square on the area it must hold; round so the numbers in the viewBox stay short.
    x, y = (lo_x + hi_x - side) / 2, (lo_y + hi_y - side) / 2
    return round(x, 2), round(y, 2), round(side, 2)


def to_palette(img: Image.Image) -> Image.Image:
    """The image with at most 256 colours (incl. transparency), with the drawing's flat colours kept exact.

    Pillow's octree quantiser rounds colours slightly (OpenMoji yellow #FCEA2B would become #FBE92A, and
    opaque pixels 99.6 % opaque), so every palette colour close to a colour that covers a real area of the
    original (a fill, the black outline, the transparent background) is snapped back to that exact colour.
    Only the anti-aliased edge pixels keep approximated colours.
    """
    quantised = img.quantize(256, method=Image.Quantize.FASTOCTREE)
    raw = quantised.getpalette(rawmode="RGBA")
    entries = [tuple(raw[i:i + 4]) for i in range(0, len(raw), 4)]
    area = SIZE * SIZE // 1000  # at least 0.1 % of the picture
    exact = [colour for count, colour in img.getcolors(SIZE * SIZE) if count >= area]

    def distance(a: tuple, b: tuple) -> int:
        return max(abs(p - q) for p, q in zip(a, b))

    snapped = []
    for entry in entries:
        nearest = min(exact, key=lambda c: distance(c, entry))
        snapped.append(nearest if distance(nearest, entry) <= 8 else entry)
    quantised.putpalette([v for colour in snapped for v in colour], rawmode="RGBA")
    return quantised


def make(openmoji: Path, out_dir: Path = PICTOGRAM_DIR) -> None:
    svg_dir = check_package(openmoji)
    pictograms = read_pictograms()
    missing = {pid: hexcode for pid, hexcode in pictograms.items() if not (svg_dir / f"{hexcode}.svg").is_file()}
    if missing:
        for pid, hexcode in missing.items():
            near = sorted(p.stem for p in svg_dir.glob(f"{hexcode.split('-')[0]}*.svg"))[:6]
            print(f"{pid}: color/svg/{hexcode}.svg does not exist; similar files: {', '.join(near) or 'none'}",
                  file=sys.stderr)
        sys.exit("fix the openmoji hexcodes in pictograms.yaml")

    total = 0
    for pid, hexcode in pictograms.items():
        svg = (svg_dir / f"{hexcode}.svg").read_text(encoding="utf-8")
        x, y, side = crop_square(svg)
        img = to_palette(render(with_viewbox(svg, x, y, side), SIZE))
        path = out_dir / f"{pid}.png"
        img.save(path, optimize=True)
        total += path.stat().st_size
        natural = (x, y, side) == (NATURAL[0], NATURAL[0], NATURAL[1] - NATURAL[0])
        note = "" if natural else f"  (viewBox {x:g} {y:g} {side:g} {side:g})"
        print(f"{path.name:24} {hexcode:18} {path.stat().st_size / 1024:6.1f} KB{note}")

    # A PNG whose id is no longer in pictograms.yaml would otherwise linger in the repository.
    for stale in sorted(set(out_dir.glob("*.png")) - {out_dir / f"{pid}.png" for pid in pictograms}):
        stale.unlink()
        print(f"removed {stale.name} (not in pictograms.yaml)")
    print(f"{len(pictograms)} pictograms, {total / 1024:.0f} KB in all")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("openmoji", type=Path,
                        help=f"folder of the extracted openmoji@{OPENMOJI_VERSION} npm package (holds color/svg/)")
    make(parser.parse_args().openmoji)


if __name__ == "__main__":
    main()
