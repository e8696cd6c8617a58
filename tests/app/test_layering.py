"""The layering rule of design.md, checked on the source: a package imports only packages above it in the list,
and never another package's views.

Imports are read with `ast`, so imports inside functions count too; `importlib` by name (how `create_app` loads
the domain packages, lowest first) is the one sanctioned way down the list.
"""

from __future__ import annotations

import ast

import pytest

from app.config import PROJECT_ROOT

#: lowest layer first, as in design.md; bench/ and tests/ stand outside and may import anything
LAYERS = ("app", "media", "commons", "courses", "paths", "observatory", "partners")
PACKAGES = [name for name in LAYERS if (PROJECT_ROOT / name / "__init__.py").exists()]


def absolute_imports(tree: ast.AST):
    """(node, dotted names) per import statement; `from x import y` gives `x.y`, since y may be a module."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield node, [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node, [f"{node.module}.{alias.name}" for alias in node.names]


def violations(package: str, source: str, filename: str) -> list[str]:
    """What in `source` (a file of `package`) breaks the rule, each naming the file, line and import."""
    rank = LAYERS.index(package)
    found = []
    imports = sorted(absolute_imports(ast.parse(source, filename=filename)), key=lambda item: item[0].lineno)
    for node, names in imports:
        where = f"{filename}:{node.lineno} `{ast.unparse(node)}`"
        for name in names:
            top, *rest = name.split(".")
            if top not in LAYERS or top == package:
                continue
            if LAYERS.index(top) > rank:
                found.append(f"{where} imports {top}, a higher layer than {package}")
            elif "views" in rest:
                found.append(f"{where} imports {top}'s views: use its service or api instead")
    return found


@pytest.mark.parametrize("package", PACKAGES)
def test_imports_follow_the_layers(package):
    found = []
    for path in sorted((PROJECT_ROOT / package).rglob("*.py")):
        found += violations(package, path.read_text(), str(path.relative_to(PROJECT_ROOT)))
    assert not found, "layering broken (see design.md):\n" + "\n".join(found)


def test_the_check_sees_imports_anywhere():
    source = (
        "import app.db\n"
        "from media import storage\n"
        "def publish():\n"
        "    from partners import service\n"
        "    import courses.models\n"
        "    from app.accounts import views\n"
        "    from app.views import add_nav_item\n"
    )
    found = violations("commons", source, "commons/example.py")
    assert [line.split("`")[1] for line in found] == [
        "from partners import service", "import courses.models", "from app.accounts import views",
        "from app.views import add_nav_item",
    ]
    assert found[0].startswith("commons/example.py:4 ")


def test_every_package_is_packaged():
    """pyproject.toml lists the packages a non-editable install ships: a sub-package missing there would install
    a Terreau without it (the suite, run from the source tree, would not notice)."""
    import tomllib

    listed = set(tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    roots = [*PACKAGES, "migrations", "bench"]
    found = {".".join(init.parent.relative_to(PROJECT_ROOT).parts)
             for root in roots for init in (PROJECT_ROOT / root).rglob("__init__.py")}
    assert found - listed == set(), "add these to [tool.setuptools] packages in pyproject.toml"
