"""The package shows the flow: content → planning → documents → faces (ui, app, cli, bench).

Each layer imports only the layers below it, no module imports another module's _private names, and there is no
import circle anywhere in planner/."""

import ast
from pathlib import Path

from support import ROOT

PACKAGE = ROOT / "planner"
LAYERS = {"content": 0, "planning": 1, "documents": 2, "ui": 3, "app": 3, "cli": 3, "bench": 3, "__main__": 3}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> list[tuple[str, list[str]]]:
    """(imported module, names) for every import in a module, relative ones resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    me = module_name(path).split(".")
    package = me if path.name == "__init__.py" else me[:-1]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(a.name, []) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = ".".join(base + ([node.module] if node.module else []))
            names = [a.name for a in node.names]
            if not node.module:  # from . import lesson
                out += [(f"{target}.{n}", []) for n in names]
            else:
                out.append((target, names))
    return [(t, n) for t, n in out if t == "planner" or t.startswith("planner.")]


def layer_of(module: str) -> int:
    return LAYERS[module.split(".")[1]]


MODULES = sorted(p for p in PACKAGE.rglob("*.py"))


def test_every_module_belongs_to_a_layer():
    for path in MODULES:
        name = module_name(path)
        if name != "planner":
            assert name.split(".")[1] in LAYERS, name


def test_no_module_imports_from_a_layer_above_it():
    wrong = []
    for path in MODULES:
        me = module_name(path)
        if me == "planner":
            continue
        for target, _ in imports(path):
            if target != "planner" and layer_of(target) > layer_of(me):
                wrong.append(f"{me} → {target}")
    assert wrong == []


def test_no_module_imports_anothers_private_names():
    wrong = [f"{module_name(p)} → {t}.{n}" for p in MODULES for t, names in imports(p) for n in names
             if n.startswith("_") and n != "__version__"]
    assert wrong == []


def test_there_is_no_import_circle():
    graph = {}
    for path in MODULES:
        graph[module_name(path)] = {t for t, _ in imports(path)} | {f"{t}.{n}" for t, ns in imports(path) for n in ns}
    known = set(graph)
    graph = {m: {t for t in ts if t in known and t != m} for m, ts in graph.items()}
    # a package's __init__ re-exporting its own modules is not a circle: drop edges from a package to its children
    graph = {m: {t for t in ts if not t.startswith(m + ".")} for m, ts in graph.items()}
    visiting, done, cycles = set(), set(), []

    def visit(m, trail):
        if m in done:
            return
        if m in visiting:
            cycles.append(" → ".join(trail[trail.index(m):] + [m]))
            return
        visiting.add(m)
        for t in sorted(graph[m]):
            visit(t, trail + [m])
        visiting.discard(m)
        done.add(m)

    for m in sorted(graph):
        visit(m, [])
    assert cycles == []


def test_the_project_names_no_path_outside_itself():
    texts = [p for p in ROOT.rglob("*") if p.is_file() and p.suffix in (".py", ".md", ".yaml", ".toml")
             and ".venv" not in p.parts and ".git" not in p.parts]
    outside = [str(p.relative_to(ROOT)) for p in texts
               if any(s in p.read_text(encoding="utf-8", errors="ignore") for s in ("/work/", "../shared", "shared/reference"))
               and p.name not in ("support.py", "test_layers.py")]
    assert outside == []
