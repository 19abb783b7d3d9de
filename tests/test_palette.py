"""One colour per band, the same on paper, on the board and in the year plan's chart and spreadsheet: dark enough to
carry white text and to be read as text on white, and told apart by a pupil, teacher or coordinator who does not see
all colours (red–green or blue–yellow colour blindness, simulated with Machado, Oliveira and Fernandes' 2009
matrices at full severity)."""

from __future__ import annotations

import itertools
import math

import pytest

from planner.content import bands
from planner.documents import cells
from planner.planning import yearplan as Y

SIMULATIONS = {
    "normal": ((1, 0, 0), (0, 1, 0), (0, 0, 1)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602),
                   (0.004733, 0.691367, 0.303900)),
}
APART = 12.0
"""CIE76 ΔE: about 2 is the smallest difference seen side by side; 12 is told apart at a glance in a legend."""


def _linear(hex_colour: str) -> tuple[float, float, float]:
    def one(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
    h = hex_colour.lstrip("#")
    return one(int(h[0:2], 16)), one(int(h[2:4], 16)), one(int(h[4:6], 16))


def _lab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    r, g, b = rgb
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116
    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _seen(hex_colour: str, how: str) -> tuple[float, float, float]:
    rgb = _linear(hex_colour)
    m = SIMULATIONS[how]
    simulated = [min(1.0, max(0.0, sum(m[i][j] * rgb[j] for j in range(3)))) for i in range(3)]
    return _lab((simulated[0], simulated[1], simulated[2]))


def _contrast_with_white(hex_colour: str) -> float:
    r, g, b = _linear(hex_colour)
    return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05)


def test_every_band_has_one_colour_used_by_paper_board_chart_and_spreadsheet():
    assert set(bands.BAND_COLOURS) == set(bands.BAND_LABELS)
    assert Y.BAND_COLOURS is bands.BAND_COLOURS  # the wheel, the chart and the spreadsheet
    assert {b: "#" + c for b, c in cells.BAND_COLOURS.items()} == bands.BAND_COLOURS  # posters, signs and slides


@pytest.mark.parametrize("band", list(bands.BAND_COLOURS))
def test_white_text_on_a_band_colour_and_band_text_on_white_reach_wcag_aa(band):
    assert _contrast_with_white(bands.BAND_COLOURS[band]) >= 4.5


@pytest.mark.parametrize("how", list(SIMULATIONS))
def test_the_bands_are_told_apart_with_every_kind_of_colour_vision(how):
    for (a, ca), (b, cb) in itertools.combinations(bands.BAND_COLOURS.items(), 2):
        difference = math.dist(_seen(ca, how), _seen(cb, how))
        assert difference >= APART, f"{a} og {b} ligner hinanden ved {how}: ΔE {difference:.1f}"


def test_the_check_tells_apart_what_colour_blind_eyes_cannot():
    # A red and an olive green: far apart for most eyes, nearly one colour without red–green vision.
    red, green = "#CC3333", "#6B8E23"
    assert math.dist(_seen(red, "normal"), _seen(green, "normal")) >= APART
    assert math.dist(_seen(red, "deuteranopia"), _seen(green, "deuteranopia")) < APART
