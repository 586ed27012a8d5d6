"""Dependencies only point down: every import of gcmhub's code is read (ast, imports inside
functions too) and checked against the layers the README describes.

An app may import its own modules and the apps of lower layers; never an app of a higher
layer, nor a sibling on its own layer; and no two modules may import each other, directly or
through others (a cycle).
"""

import ast
from itertools import pairwise
from pathlib import Path

import gcmhub

ROOT = Path(gcmhub.__file__).parent

# Lowest first. Apps on one line are siblings: they do not import each other.
LAYERS = [
    ["core"],
    ["reporting"],
    ["editions"],
    ["framework"],
    ["directory"],
    ["notifications", "todo"],
    ["assessments"],
    ["priorities"],
    ["documents"],
    ["report"],
    ["coordination"],
    ["meetings"],
    ["workplan"],
    ["imrf", "regions", "exports", "search"],
    ["api"],
    ["demo"],
    ["tests"],
]
RANK = {app: rank for rank, apps in enumerate(LAYERS) for app in apps}
# Folders that are not apps of the product.
NOT_APPS = {"formats", "__pycache__"}


def _modules():
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if "migrations" in parts:
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        yield path, "gcmhub." + ".".join(parts) if parts else "gcmhub"


def _imports(path: Path, module: str):
    """(line, module, or else its package) for every name imported, relative imports resolved."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:  # `from gcmhub.x import services` imports a module
                yield node.lineno, f"{base}.{alias.name}", base


def _app(module: str) -> str | None:
    """The app a module belongs to; every test module counts as `tests`, the top layer."""
    parts = module.split(".")
    if parts[0] != "gcmhub" or len(parts) < 2:
        return None
    return "tests" if "tests" in parts[1:] else parts[1]


def _graph():
    known = {module: path for path, module in _modules()}
    graph: dict[str, dict[str, int]] = {module: {} for module in known}
    for module, path in known.items():
        for line, *candidates in _imports(path, module):
            imported = next((c for c in candidates if c in known), None)
            if imported is not None and imported != module:
                graph[module].setdefault(imported, line)
    return known, graph


def test_every_app_has_a_layer():
    apps = {p.name for p in ROOT.iterdir() if p.is_dir() and p.name not in NOT_APPS}
    assert apps - set(RANK) == set(), "give each app its place in LAYERS (and the README)"
    assert set(RANK) - {"tests"} - apps == set(), "LAYERS names an app that does not exist"


def test_no_import_goes_up_a_layer_or_across_to_a_sibling():
    known, graph = _graph()
    wrong = []
    for module, imports in graph.items():
        app = _app(module)
        for imported, line in imports.items():
            other = _app(imported)
            if app in RANK and other in RANK and other != app and RANK[other] >= RANK[app]:
                wrong.append(f"{known[module].relative_to(ROOT.parent)}:{line} imports {imported}")
    assert wrong == [], "\n".join(wrong)


def test_no_two_modules_import_each_other():
    known, graph = _graph()
    cycles, state = [], {}

    def visit(module, path):
        state[module] = "open"
        for imported in graph[module]:
            if state.get(imported) == "open":
                cycles.append(" → ".join([*path[path.index(imported) :], imported]))
            elif imported not in state:
                visit(imported, [*path, imported])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    # A package importing its own modules (`from . import x` in __init__) is not a cycle.
    cycles = [c for c in cycles if not _through_own_package(c)]
    assert cycles == [], "\n".join(cycles)


def _through_own_package(cycle: str) -> bool:
    modules = cycle.split(" → ")
    return any(b.startswith(a + ".") or a.startswith(b + ".") for a, b in pairwise(modules))
