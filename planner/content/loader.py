"""Load the content library from YAML, validate it and report every problem at once, in Danish.

Each problem names the file, the line, the entry id and the field, so an editor can go straight to it.
Entries are validated one by one: a mistake in one entry never hides the mistakes in the next.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError

from . import checks
from . import models as m
from . import translations as T
from .parent_meeting import ParentMeeting
from .messages import danish, line_of
from .progression import load_year_content

ROOT = Path(__file__).resolve().parents[2]
PICTOGRAM_DIR = ROOT / "materials" / "pictograms"


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    entry: str | None
    field: str | None
    message: str
    warning: bool = False

    def __str__(self) -> str:
        parts = [self.file]
        if self.line:
            parts.append(f"linje {self.line}")
        if self.entry:
            parts.append(f"post '{self.entry}'")
        if self.field:
            parts.append(f"felt '{self.field}'")
        return ", ".join(parts) + f": {self.message}"


class ContentError(Exception):
    """The content library has errors; `problems` lists all of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        errors = [p for p in problems if not p.warning]
        super().__init__(f"{len(errors)} fejl i indholdet:\n" + "\n".join(f"  {p}" for p in errors))


@dataclass
class Content:
    themes: list[m.Theme] = field(default_factory=list)
    materials: list[m.Material] = field(default_factory=list)
    helplines: list[m.Helpline] = field(default_factory=list)
    facts: list[m.LegalFact] = field(default_factory=list)
    exercises: list[m.Exercise] = field(default_factory=list)
    templates: list[m.LessonTemplate] = field(default_factory=list)
    guide: m.Guide | None = None
    texts: m.LessonTexts | None = None
    pictograms: list[m.Pictogram] = field(default_factory=list)
    """Pictures for signs, cards and handouts; each has a PNG file <id>.png in PICTOGRAM_DIR."""
    school_years: list = field(default_factory=list)
    """School calendars (planner.school_calendar.SchoolYear), one per school year and kommune."""
    progression: Any = None
    """The year plan's default themes per grade (planner.yearplan.Progression)."""
    translations: dict[str, Any] = field(default_factory=dict)
    """The parent letter's translations (planner.content.translations.TranslationFile), by language code."""
    parent_meeting: ParentMeeting | None = None
    """What the parent meeting's kit says to parents (materials/parent_meeting.yaml)."""
    warnings: list[Problem] = field(default_factory=list)

    def by_id(self, kind: str) -> dict[str, Any]:
        return {item.id: item for item in getattr(self, kind)}

    @property
    def kommuner(self) -> list[str]:
        return sorted({h.region for h in self.helplines if h.region != "national"})

    def kommune_named(self, name: str | None) -> str | None:
        """The kommune as the content spells it, whatever the case and spaces typed ('aarhus ' -> 'Aarhus'); None
        when there are no local contacts for it. App, CLI and links then all mean the same kommune."""
        wanted = " ".join(str(name or "").split()).casefold()
        return next((k for k in self.kommuner if k.casefold() == wanted), None) if wanted else None

    def summary(self) -> dict[str, int]:
        return {
            "temaer": len(self.themes),
            "materialer": len(self.materials),
            "kontakter": len(self.helplines),
            "lovfakta": len(self.facts),
            "øvelser": len(self.exercises),
            "lektionsskabeloner": len(self.templates),
            "handleguide-trin": len(self.guide.steps) if self.guide else 0,
            "skoleår": len(self.school_years),
        }


class Reader:
    """Reads YAML twice only when needed: the C-backed safe loader is fast, and the pure-Python round-trip
    loader, which knows line numbers, runs only for a file that has a problem to point at."""

    def __init__(self, root: Path):
        self.root = root
        self.problems: list[Problem] = []
        self.invalid: set[str] = set()
        """Ids of entries that failed validation: references to them are not reported a second time."""
        self.fast = YAML(typ="safe", pure=False)
        self._rt_cache: dict[Path, Any] = {}

    def rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def problem(self, path: Path, line, entry, fld, message, warning=False):
        self.problems.append(Problem(self.rel(path), line, entry, fld, message, warning))

    def read(self, path: Path) -> Any:
        if not path.exists():
            self.problem(path, None, None, None, "filen mangler")
            return None
        try:
            return self.fast.load(path.read_bytes().decode("utf-8"))
        except MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark else None
            self.problem(path, line, None, None, f"filen er ikke gyldig YAML: {exc.problem or exc.context}")
        except UnicodeDecodeError:
            self.problem(path, None, None, None, "filen skal være gemt som UTF-8")
        except Exception as exc:  # the C parser raises its own error types for some malformed input
            self.problem(path, None, None, None, f"filen er ikke gyldig YAML: {exc}")
        return None

    def rt(self, path: Path) -> Any:
        """The same file with positions, for pointing at lines."""
        if path not in self._rt_cache:
            try:
                self._rt_cache[path] = YAML(typ="rt").load(path.read_text(encoding="utf-8"))
            except Exception:
                self._rt_cache[path] = None
        return self._rt_cache[path]

    def entries(self, path: Path, key: str, model: type[BaseModel], extra: dict | None = None) -> list:
        data = self.read(path)
        if data is None:
            return []
        if not isinstance(data, dict) or key not in data:
            self.problem(path, 1, None, key, f"filen skal have en liste under nøglen '{key}:'")
            return []
        if not isinstance(data[key], list):
            self.problem(path, line_of(self.rt(path), [key], 1), None, key, "skal være en liste")
            return []
        out = []
        for i, item in enumerate(data[key]):
            obj = self.one(path, item, model, [key, i], extra)
            if obj is not None:
                out.append(obj)
        return out

    def one(self, path: Path, item: Any, model: type[BaseModel], at: list, extra: dict | None = None):
        entry = str(item.get("id")) if isinstance(item, dict) and item.get("id") is not None else None
        if isinstance(item, dict) and extra:
            item = {**item, **extra}
        try:
            return model.model_validate(item)
        except ValidationError as exc:
            if entry:
                self.invalid.add(entry)
            tree = self.rt(path)
            for err in exc.errors():
                loc = list(err["loc"])
                fld = ".".join(str(p) for p in loc) or None
                self.problem(path, line_of(tree, at + loc, None), entry, fld, danish(err))
            return None

    def line_of_entry(self, path: Path, entry_id: str, fld: str | None = None) -> int | None:
        """Line of an entry (or one of its fields) for cross-reference problems found after validation."""
        for node in _walk(self.rt(path)):
            if isinstance(node, CommentedMap) and node.get("id") == entry_id:
                if fld and fld in node:
                    return node.lc.key(fld)[0] + 1
                return node.lc.line + 1
        return None


def _walk(node: Any):
    if isinstance(node, CommentedMap):
        yield node
        for v in node.values():
            yield from _walk(v)
    elif isinstance(node, CommentedSeq):
        for v in node:
            yield from _walk(v)


# --- Loading ---------------------------------------------------------------------------------


def load_content(root: Path | str = ROOT, today: dt.date | None = None) -> Content:
    """Load and validate all content below `root`. Raises ContentError listing every error."""
    root = Path(root)
    today = today or dt.date.today()
    r = Reader(root)
    mat, tpl = root / "materials", root / "lesson_templates"
    c = Content()
    origin: dict[tuple[str, str], Path] = {}

    def keep(kind: str, items: list, path: Path) -> list:
        for it in items:
            origin.setdefault((kind, it.id), path)
        return items

    c.themes = keep("themes", r.entries(mat / "themes.yaml", "themes", m.Theme), mat / "themes.yaml")
    c.materials = keep("materials", r.entries(mat / "vidensbank.yaml", "materials", m.Material), mat / "vidensbank.yaml")
    c.facts = keep("facts", r.entries(mat / "legal_facts.yaml", "facts", m.LegalFact), mat / "legal_facts.yaml")
    pic_path = mat / "pictograms" / "pictograms.yaml"
    c.pictograms = keep("pictograms", r.entries(pic_path, "pictograms", m.Pictogram), pic_path)
    c.templates = keep("templates", r.entries(tpl / "templates.yaml", "templates", m.LessonTemplate), tpl / "templates.yaml")

    hl_dir = mat / "helplines"
    for path in sorted(hl_dir.glob("*.yaml")) if hl_dir.is_dir() else []:
        data = r.read(path)
        if data is None:
            continue
        region = data.get("region") if isinstance(data, dict) else None
        if not isinstance(region, str) or not region.strip():
            r.problem(path, 1, None, "region", "filen skal starte med 'region: national' eller kommunens navn")
            continue
        c.helplines += keep("helplines", r.entries(path, "helplines", m.Helpline, {"region": region}), path)
    if not c.helplines:
        r.problem(hl_dir, None, None, None, "der er ingen kontakter (mappen materials/helplines er tom)")

    ex_dir = mat / "exercises"
    for path in sorted(ex_dir.glob("*.yaml")) if ex_dir.is_dir() else []:
        c.exercises += keep("exercises", r.entries(path, "exercises", m.Exercise), path)

    guide_path = mat / "handleguide.yaml"
    node = r.read(guide_path)
    if node is not None:
        c.guide = r.one(guide_path, node, m.Guide, [])

    texts_path = mat / "lesson_texts.yaml"
    node = r.read(texts_path)
    if node is not None:
        c.texts = r.one(texts_path, node, m.LessonTexts, [])

    meeting_path = mat / "parent_meeting.yaml"
    node = r.read(meeting_path) if meeting_path.exists() else None
    if node is not None:
        c.parent_meeting = r.one(meeting_path, node, ParentMeeting, [])
        for x in c.parent_meeting.contacts if c.parent_meeting else []:
            if x not in {h.id for h in c.helplines}:
                r.problem(meeting_path, None, "parent_meeting", "contacts", f"kontakten '{x}' findes ikke i indholdet")

    load_year_content(r, mat, c, today)

    checks.check_unique(r, c, origin)
    checks.check_references(r, c, origin, guide_path)
    checks.check_dates(r, c, origin, guide_path, today)
    _load_translations(r, mat / "translations", c)

    errors = [p for p in r.problems if not p.warning]
    if errors:
        raise ContentError(r.problems)
    c.warnings = [p for p in r.problems if p.warning]
    return c


def _load_translations(r: Reader, folder: Path, c: Content) -> None:
    """The letter's translations; a missing or stale text is a warning (the letter falls back to the Danish text),
    named with its key so the translator finds it."""
    for code in T.LANGUAGES:
        path = folder / f"{code}.yaml"
        node = r.read(path) if path.is_file() else None
        if node is not None:
            f = r.one(path, node, T.TranslationFile, [])
            if f is not None and f.language != code:
                r.problem(path, 1, None, "language", f"filen {code}.yaml skal have language: {code}")
            elif f is not None:
                c.translations[code] = f
    if not c.texts or any(not p.warning for p in r.problems):
        return  # translations are compared with valid Danish texts only: the errors come first
    sources = T.letter_sources(c.texts, c.themes, c.helplines)
    for x in T.findings(sources, c.translations):
        path = folder / f"{x.language}.yaml"
        line = line_of(r.rt(path), ["texts", x.key], None) if x.key and path.is_file() else None
        r.problem(path, line, x.key or None, "texts" if x.key else None, x.message, warning=True)


def load_pictograms(root: Path | str = ROOT) -> list[m.Pictogram]:
    """Only the pictogram catalog: documents need it without loading the whole library."""
    r = Reader(Path(root))
    path = Path(root) / "materials" / "pictograms" / "pictograms.yaml"
    items = r.entries(path, "pictograms", m.Pictogram)
    if [p for p in r.problems if not p.warning]:
        raise ContentError(r.problems)
    return items
