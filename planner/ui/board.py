"""Classroom mode: the lesson's slides as one self-contained HTML block for the board.

The same slides as the .pptx deck (planning.lesson.slides), drawn in the browser: every text is escaped and every
picture is inlined as a data: address, so the board needs nothing but the app. A small script moves between slides
(buttons, arrow keys, Page Up/Down for clickers, H for help), runs the activity's countdown (pause, +1 minute) and
shows the help slide from anywhere. It stores nothing.
"""

from __future__ import annotations

import base64
import json
from functools import lru_cache
from html import escape

from ..documents import qr as QR
from ..documents import pictures
from ..planning.lesson import slides as SL

BOARD_ID = "kk-board"


@lru_cache(maxsize=128)
def _pictogram_src(pid: str) -> str:
    return "data:image/png;base64," + base64.b64encode(pictures.png(pid)).decode()


def _img(pid: str, cls: str = "kk-pic") -> str:
    if pid not in pictures.catalog():
        return ""
    return f'<img class="{cls}" src="{_pictogram_src(pid)}" alt="{escape(pictures.catalog()[pid])}">'


def _qr(h: SL.HelpCard) -> str:
    src = "data:image/png;base64," + base64.b64encode(QR.qr_png(h.url)).decode()
    return (f'<figure class="kk-code"><figcaption>{escape(h.name)}</figcaption>'
            f'<img class="kk-qr" src="{src}" alt="QR-kode til {escape(h.name)}: {escape(QR.shown_url(h.url))}"></figure>')


def _text(text: str) -> str:
    return "<br>".join(escape(part) for part in text.split("\n"))


def _lines(s: SL.Slide) -> str:
    if not s.lines:
        return ""
    tag = "ol" if s.numbered else "ul" if s.bulleted else ""
    if tag:
        return f'<{tag} class="kk-list">' + "".join(f"<li>{_text(x)}</li>" for x in s.lines) + f"</{tag}>"
    return "".join(f'<p class="kk-line">{_text(x)}</p>' for x in s.lines)


def _tiles(pics: tuple[SL.Picture, ...]) -> str:
    return '<div class="kk-tiles">' + "".join(
        f'<figure class="kk-tile">{"".join(_img(p) for p in pic.pictograms)}'
        f'<figcaption>{escape(pic.label)}</figcaption></figure>' for pic in pics) + "</div>"


def _help(board: SL.HelpBoard) -> str:
    out = []
    if board.child_line:
        line = board.child_line
        out.append(f'<div class="kk-childline">{_img(line.pictogram, "kk-icon")}'
                   f'<span class="kk-number">{escape(line.phone)}</span>'
                   f'<span>{escape(line.name)}: {escape(line.text)}</span></div>')
    if board.emergency:
        out.append(f'<p class="kk-line kk-strong">{escape(board.emergency)}</p>')
    if board.codes:
        out.append('<div class="kk-codes">' + "".join(_qr(h) for h in board.codes) + "</div>")
    elif board.adults:
        out.append('<p class="kk-line kk-strong">Du kan fortælle det til:</p>' + _tiles(board.adults))
    return "".join(out)


def _slide(i: int, n: int, s: SL.Slide, deck: SL.Deck, minutes: dict, when: dict) -> str:
    if s.kind == "title":
        body = f'<p class="kk-sub">{escape(s.lines[0] if s.lines else "")}</p>'
        head = f'<h2 class="kk-title kk-main">{escape(deck.title)}</h2>'
    else:
        head = f'<h2 class="kk-title">{escape(s.title)}</h2>'
        label = f'<p class="kk-label">{escape(s.label)}</p>' if s.label else ""
        if s.help:
            body = label + _help(s.help)
        elif s.big:
            body = label + f'<p class="kk-big">{_text(s.big)}</p>'
        elif s.kind == "case" and s.pictures:
            card = "".join(_img(p, "kk-card-pic") for p in s.pictures[0].pictograms)
            body = label + f'<div class="kk-split"><div>{_lines(s)}</div><div class="kk-card">{card}</div></div>'
        else:
            body = label + _lines(s) + (_tiles(s.pictures) if s.kind in ("task", "closing") and s.pictures else "")
    # Every slide of an activity carries its minutes: the countdown starts whenever the class enters an activity.
    data = (f'data-minutes="{minutes.get(s.activity) or ""}" data-activity="{"" if s.activity is None else s.activity}"'
            f' data-when="{escape(when.get(s.activity, ""))}"')
    # The body sits in the middle of the room the title leaves: a short slide is balanced, a full one starts at the top.
    return (f'<section class="kk-slide kk-{s.kind}" aria-roledescription="dias" '
            f'aria-label="Dias {i + 1} af {n}" {data}{"" if i == 0 else " hidden"}>{head}'
            f'<div class="kk-body">{body}</div></section>')


def board_html(deck: SL.Deck, when: dict[int, str] | None = None) -> str:
    """The whole classroom mode as one HTML string (styles, slides, controls and script). `when` gives each
    activity (its index in the plan) its planned clock time, e.g. "08:15–08:30", shown beside the countdown."""
    n = len(deck.slides)
    minutes = {s.activity: s.minutes for s in deck.slides if s.minutes and s.activity is not None}
    slides = "".join(_slide(i, n, s, deck, minutes, when or {}) for i, s in enumerate(deck.slides))
    config = json.dumps({"help": deck.help_index, "count": n})
    easy = " kk-easy" if deck.easy else ""
    return f"""<div id="{BOARD_ID}" class="kk-board{easy}" lang="da">
<style>{CSS}</style>
<div class="kk-stage" tabindex="-1">{slides}</div>
<div class="kk-controls" role="toolbar" aria-label="Styr præsentationen">
  <button type="button" data-do="prev" aria-keyshortcuts="ArrowLeft">◀ Forrige</button>
  <span class="kk-count" aria-live="polite">1 / {n}</span>
  <button type="button" data-do="next" aria-keyshortcuts="ArrowRight">Næste ▶</button>
  <button type="button" data-do="help" aria-keyshortcuts="h">Hjælp (H)</button>
  <span class="kk-when" aria-label="Planlagt tid for aktiviteten"></span>
  <span class="kk-timer" role="timer" aria-label="Tid tilbage af aktiviteten">--:--</span>
  <button type="button" data-do="pause" disabled>Pause</button>
  <button type="button" data-do="more" disabled>+1 min</button>
  <button type="button" data-do="full" aria-keyshortcuts="f">Vis i fuld skærm (F)</button>
</div>
<script>({SCRIPT})({config});</script>
</div>"""


CSS = """
.kk-board{--ink:#111;--muted:#3c3c3c;--line:#1f4e99;font-family:Carlito,Calibri,"Segoe UI",Arial,sans-serif;color:var(--ink);}
.kk-board .kk-stage{container-type:inline-size;aspect-ratio:16/9;width:min(100%,calc((100vh - 8.5rem)*16/9));margin:0 auto;
  background:#fff;border:2px solid #444;border-top:.6cqw solid var(--line);box-sizing:border-box;overflow:hidden;position:relative;}
.kk-board:fullscreen{background:#fff;display:flex;flex-direction:column;justify-content:center;}
.kk-board:fullscreen .kk-stage{width:min(100vw,calc((100vh - 4.5rem)*16/9));border:0;}
.kk-board .kk-slide{position:absolute;inset:0;padding:2.2cqw 4.4cqw;box-sizing:border-box;display:flex;flex-direction:column;}
.kk-board .kk-slide[hidden]{display:none;}
.kk-board .kk-body{margin:auto 0;max-height:100%;}
.kk-board .kk-slide.kk-title .kk-body{margin:0;}
.kk-board .kk-title{font-size:3.6cqw;line-height:1.15;margin:0 0 1.2cqw;font-weight:700;color:var(--ink);}
.kk-board .kk-main{font-size:4.6cqw;margin-top:12cqw;}
.kk-board .kk-sub{font-size:2.8cqw;color:var(--muted);margin:0;}
.kk-board .kk-label{font-size:2.2cqw;color:var(--muted);margin:0 0 .8cqw;}
.kk-board .kk-line,.kk-board .kk-list li{font-size:2.6cqw;line-height:1.3;margin:0 0 1cqw;}
.kk-board .kk-list{margin:0;padding-left:3.5cqw;}
.kk-board.kk-easy .kk-line,.kk-board.kk-easy .kk-list li{font-size:3.4cqw;}
.kk-board .kk-strong{font-weight:700;}
.kk-board .kk-big{font-size:3.9cqw;font-weight:700;line-height:1.25;text-align:center;margin:auto 2cqw;}
.kk-board .kk-split{display:flex;gap:2cqw;align-items:flex-start;}
.kk-board .kk-split>div:first-child{flex:1;}
.kk-board .kk-card{display:grid;grid-template-columns:1fr 1fr;gap:.5cqw;width:28cqw;border:2px solid var(--muted);border-radius:1cqw;padding:.6cqw;}
.kk-board .kk-card-pic{width:100%;height:auto;}
.kk-board .kk-tiles{display:flex;justify-content:center;gap:4cqw;margin-top:auto;}
.kk-board .kk-tile{margin:0;text-align:center;font-size:2.6cqw;font-weight:700;}
.kk-board .kk-tile .kk-pic{width:9cqw;height:9cqw;}
.kk-board .kk-childline{display:flex;align-items:center;gap:2cqw;font-size:2.6cqw;}
.kk-board .kk-icon{width:7cqw;height:7cqw;}
.kk-board .kk-number{font-size:7cqw;font-weight:700;white-space:nowrap;}
.kk-board .kk-codes{display:flex;justify-content:space-around;margin-top:.5cqw;}
.kk-board .kk-code{margin:0;text-align:center;font-size:2.6cqw;font-weight:700;}
.kk-board .kk-qr{display:block;width:21cqw;height:21cqw;margin:.4cqw auto;}
.kk-board .kk-controls{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;justify-content:center;margin:.6rem 0;}
.kk-board .kk-controls button{font:inherit;font-size:1.1rem;padding:.45rem .9rem;border:2px solid #1f4e99;border-radius:.4rem;
  background:#fff;color:#0b2a5c;cursor:pointer;min-height:44px;}
.kk-board .kk-controls button:focus-visible{outline:3px solid #b00020;outline-offset:2px;}
.kk-board .kk-controls button:disabled{border-color:#767676;color:#595959;cursor:default;}
.kk-board .kk-count,.kk-board .kk-timer{font-size:1.2rem;font-weight:700;min-width:5.5rem;text-align:center;}
.kk-board .kk-timer.kk-done{color:#b00020;}
.kk-board .kk-when{font-size:1.1rem;color:#3c3c3c;white-space:nowrap;}
.kk-board .kk-when:empty{display:none;}
"""

SCRIPT = """function (cfg) {
  const root = document.getElementById("kk-board");
  const slides = [...root.querySelectorAll(".kk-slide")];
  const count = root.querySelector(".kk-count"), timer = root.querySelector(".kk-timer");
  const when = root.querySelector(".kk-when");
  const btn = what => root.querySelector(`[data-do="${what}"]`);
  let at = 0, back = null, activity = null, left = 0, running = false, tick = null;
  const clock = s => `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
  const drawTimer = () => {
    timer.textContent = activity === null ? "--:--" : (left > 0 ? clock(left) : "Tiden er gået");
    timer.classList.toggle("kk-done", activity !== null && left <= 0);
    btn("pause").textContent = running ? "Pause" : "Fortsæt";
    btn("pause").disabled = btn("more").disabled = activity === null;
  };
  const run = on => {
    running = on && left > 0; clearInterval(tick);
    if (running) tick = setInterval(() => { left -= 1; if (left <= 0) { left = 0; run(false); } drawTimer(); }, 1000);
    drawTimer();
  };
  const show = i => {
    at = Math.max(0, Math.min(slides.length - 1, i));
    slides.forEach((s, k) => { s.hidden = k !== at; });
    count.textContent = `${at + 1} / ${slides.length}`;
    btn("prev").disabled = at === 0; btn("next").disabled = at === slides.length - 1;
    btn("help").textContent = back === null ? "Hjælp (H)" : "Tilbage til dias " + (back + 1);
    const s = slides[at], minutes = parseInt(s.dataset.minutes || "0", 10);
    if (back === null && s.dataset.when) when.textContent = "kl. " + s.dataset.when;
    // A look at the help slide keeps the running activity's countdown.
    if (back === null && s.dataset.activity !== "" && s.dataset.activity !== activity && minutes > 0) {
      activity = s.dataset.activity; left = minutes * 60; run(true);   // a new activity starts its own countdown
    }
  };
  const act = what => {
    if (what === "next") { back = null; show(at + 1); }
    else if (what === "prev") { back = null; show(at - 1); }
    else if (what === "help") {
      if (back === null) { back = at; show(cfg.help); } else { const to = back; back = null; show(to); }
    } else if (what === "pause") run(!running);
    else if (what === "more") { left += 60; drawTimer(); }
    else if (what === "full") {
      if (document.fullscreenElement) document.exitFullscreen(); else if (root.requestFullscreen) root.requestFullscreen();
    }
  };
  root.querySelectorAll("[data-do]").forEach(b => b.addEventListener("click", () => act(b.dataset.do)));
  if (window.__kkBoardKeys) document.removeEventListener("keydown", window.__kkBoardKeys);
  window.__kkBoardKeys = e => {
    if (!document.body.contains(root)) { document.removeEventListener("keydown", window.__kkBoardKeys); return; }
    if (e.target.closest && e.target.closest("input, textarea, select, [contenteditable]")) return;
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const key = {ArrowRight: "next", PageDown: "next", ArrowLeft: "prev", PageUp: "prev", h: "help", H: "help",
                 f: "full", F: "full"}[e.key];
    if (e.key === "Home") { e.preventDefault(); show(0); }
    else if (e.key === "End") { e.preventDefault(); show(slides.length - 1); }
    else if (key) { e.preventDefault(); act(key); }
  };
  document.addEventListener("keydown", window.__kkBoardKeys);
  // The button says what it will do: go into full screen, or leave it.
  root.addEventListener("fullscreenchange", () => {
    btn("full").textContent = document.fullscreenElement ? "Afslut fuld skærm (F)" : "Vis i fuld skærm (F)";
  });
  show(0); drawTimer();
}"""
