"""The shape ARCHITECTURE.md describes: the model works without MkDocs, hooks only wire events,
each fact is written once, and the command line reaches every tool."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from municipal_guidelines.cli import COMMANDS
from municipal_guidelines.layout import LANGS
from municipal_guidelines.project import Project, default_language

PACKAGE = ROOT / "src" / "municipal_guidelines"
# The only modules that may import MkDocs: the glue between MkDocs objects and the package.
MKDOCS_GLUE = {"site/mkdocs_env.py", "site/serve_errors.py"}


def imports_of(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_the_model_and_the_tools_do_not_import_mkdocs() -> None:
    offenders = [
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if path.relative_to(PACKAGE).as_posix() not in MKDOCS_GLUE and any(m.split(".")[0] == "mkdocs" for m in imports_of(path))
    ]
    assert offenders == []


SRC = ROOT / "src"


def module_file(name: str) -> Path | None:
    """The file of a module of this project (``municipal_guidelines…`` or ``guidelines_dev…``)."""
    base = SRC.joinpath(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def project_imports(path: Path) -> set[str]:
    """The project's modules ``path`` imports, anywhere in it (lazy imports inside functions too);
    ``from package import module`` counts as importing the module."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        found |= {name for name in names if module_file(name)}
    return found


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_the_build_imports_nothing_from_the_command_line_or_the_developer_tools() -> None:
    """Everything a hook file reaches, directly or through other modules, is domain code: no
    command wrapper (``cli``) and no developer tooling (``guidelines_dev``)."""
    seen: dict[str, str] = {}
    todo = [(name, hook.name) for hook in (ROOT / "hooks").glob("*.py") for name in project_imports(hook)]
    while todo:
        name, via = todo.pop()
        if name in seen:
            continue
        seen[name] = via
        todo += [(imported, name) for imported in project_imports(module_file(name))]
    assert len(seen) > 20  # the hooks do reach the package
    offenders = {name: via for name, via in seen.items() if name.startswith(("municipal_guidelines.cli", "guidelines_dev"))}
    assert offenders == {}


def test_no_module_imports_itself_through_others() -> None:
    """No import cycles between the project's modules (a package importing its own submodules
    does not count: that is what ``__init__`` is for)."""
    graph = {module_name(path): project_imports(path) for path in SRC.rglob("*.py")}
    for name, imported in graph.items():
        graph[name] = {other for other in imported if not other.startswith(name + ".") and other != name}
    cycles = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def walk(name: str) -> None:
        state[name] = 1
        stack.append(name)
        for other in sorted(graph.get(name, ())):
            other = module_name(module_file(other))
            if other.startswith(name + "."):
                continue
            if state.get(other) == 1:
                cycles.append(stack[stack.index(other):] + [other])
            elif other not in state:
                walk(other)
        stack.pop()
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            walk(name)
    assert len(graph) > 50
    assert cycles == []


def test_the_model_runs_where_mkdocs_cannot_be_imported(tmp_path: Path) -> None:
    """``guidelines model`` with MkDocs made unimportable: the matrix and exports still come out."""
    blocker = tmp_path / "sitecustomize.py"
    blocker.write_text("import sys\nsys.modules['mkdocs'] = None\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", "import sitecustomize, sys; from municipal_guidelines.cli import main; sys.exit(main(['model', sys.argv[1]]))", str(tmp_path / "out")],
        cwd=ROOT, capture_output=True, text=True, env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "nn" / "data" / "matrix.json").is_file()


def test_the_model_command_writes_the_exports_the_build_publishes(site: Path, tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "municipal_guidelines", "model", str(tmp_path)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert len(written) == 2 * (9 + 5) and "nn/data/kommunar/bomlo.json" in written  # 9 tables (matrix.xlsx too) and 5 municipalities per form
    for name in written:
        assert (tmp_path / name).read_bytes() == (site / name).read_bytes(), name
    assert json.loads((tmp_path / "data" / "matrix.json").read_text(encoding="utf-8"))["language"] == Project(ROOT).default_lang


def test_hook_files_only_wire_events() -> None:
    """A hook file defines MkDocs event handlers and nothing else of its own but small helpers of
    the serving and staging glue; the domain code is in the package."""
    for path in sorted((ROOT / "hooks").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        functions = [node.name for node in tree.body if isinstance(node, ast.FunctionDef)]
        classes = [node.name for node in tree.body if isinstance(node, ast.ClassDef)]
        assert classes == [], path.name
        assert functions and all(name.startswith("on_") for name in functions), (path.name, functions)
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 80, path.name


def test_language_forms_and_the_default_are_written_once() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    i18n = next(p["i18n"] for p in yaml.safe_load(config)["plugins"] if isinstance(p, dict) and "i18n" in p)
    assert tuple(language["locale"] for language in i18n["languages"]) == LANGS
    assert default_language(config) == "nb" == Project(ROOT).default_lang
    assert default_language(config.replace("default: true", "default: false").replace("name: Nynorsk", "name: Nynorsk\n          default: true")) == "nn"
    literal = [
        path.relative_to(ROOT).as_posix()
        for path in [*PACKAGE.rglob("*.py"), *(ROOT / "hooks").glob("*.py")]
        if "LANGS = " in path.read_text(encoding="utf-8") and path.name != "layout.py"
    ]
    assert literal == []


def test_every_command_has_help() -> None:
    top = subprocess.run([sys.executable, "-m", "municipal_guidelines", "--help"], cwd=ROOT, capture_output=True, text=True)
    assert top.returncode == 0 and all(name in top.stdout for name in COMMANDS)
    for name in COMMANDS:
        result = subprocess.run([sys.executable, "-m", "municipal_guidelines", name, "--help"], cwd=ROOT, capture_output=True, text=True)
        assert result.returncode == 0, (name, result.stderr)
        assert "usage" in result.stdout.lower() or "bruk" in result.stdout.lower(), name
    unknown = subprocess.run([sys.executable, "-m", "municipal_guidelines", "publish"], cwd=ROOT, capture_output=True, text=True)
    assert unknown.returncode == 2 and "ukjend kommando 'publish'" in unknown.stderr


def touches_sys_path(source: str) -> bool:
    """Whether code reaches ``sys.path`` (any use: insert, append, slice, assignment, ``from sys
    import path``) or adds a site directory; read from the syntax tree, not the text, so that a
    string or a comment that names it does not count."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr == "path" and isinstance(node.value, ast.Name) and node.value.id == "sys":
            return True
        if isinstance(node, ast.ImportFrom) and node.module == "sys" and any(a.name == "path" for a in node.names):
            return True
        if isinstance(node, ast.Attribute) and node.attr == "addsitedir":
            return True
    return False


def test_nothing_manipulates_sys_path() -> None:
    files = [path for folder in ("src", "hooks", "tests", "scripts") for path in (ROOT / folder).rglob("*.py")]
    offenders = [path.relative_to(ROOT).as_posix() for path in files if touches_sys_path(path.read_text(encoding="utf-8"))]
    assert len(files) > 50 and offenders == []
    # what the check catches, and what it does not take for a use
    for code in ("import sys\nsys.path.insert(0, 'x')", "import sys\nsys.path[:0] = ['x']", "from sys import path", "import site\nsite.addsitedir('x')"):
        assert touches_sys_path(code), code
    assert not touches_sys_path("text = 'sys.path.insert'  # sys.path.append")


def test_check_and_model_report_bad_pages_with_file_and_line(project: Path, tmp_path: Path) -> None:
    page = project / "docs" / "kommunar" / "loten.nb.md"
    page.write_text(page.read_text(encoding="utf-8").replace('data-topics="deltaking"', 'data-topics="deltaking ukjent"', 1), encoding="utf-8")
    for command in (["check"], ["model", str(tmp_path / "out")]):
        result = subprocess.run([sys.executable, "-m", "municipal_guidelines", *command], cwd=project / "docs", capture_output=True, text=True)
        assert result.returncode == 1, command
        assert "docs/kommunar/loten.nb.md:" in result.stderr and "ukjent" in result.stderr, result.stderr
    assert not (tmp_path / "out").exists()
    clean = subprocess.run([sys.executable, "-m", "municipal_guidelines", "check"], cwd=ROOT, capture_output=True, text=True)
    assert clean.returncode == 0 and "er i orden" in clean.stdout and "passar til originalen" in clean.stdout


def test_exports_written_in_a_child_process_report_failure(tmp_path: Path) -> None:
    """The build writes the exports in a child process and waits for it before publishing: the
    files are the ones the model gives, and a failed child fails the wait instead of passing unseen."""
    from municipal_guidelines.export import write_site_exports_in_background
    from municipal_guidelines.model.site import load_site
    from municipal_guidelines.site import state as build

    project = Project(ROOT)
    model = load_site(project.docs, project.topics_file)
    jobs = [write_site_exports_in_background(tmp_path / "site", model.matrices, None, project.default_lang)]
    build.finish(jobs)
    assert jobs == [] and (tmp_path / "site" / "nn" / "data" / "kommunar" / "bomlo.json").is_file()
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the site folder should be", encoding="utf-8")
    # (in a child process the failure comes with the wait; where the build cannot fork, at once)
    with pytest.raises((RuntimeError, OSError)):
        build.finish([write_site_exports_in_background(blocked, model.matrices, None, project.default_lang)])


def test_exports_are_written_in_place_while_another_thread_runs(tmp_path: Path) -> None:
    """Under mkdocs serve other threads run; a forked child could wait forever for a lock one of
    them held, so the exports are written in the build's own process then."""
    import threading

    from municipal_guidelines.export import write_site_exports_in_background
    from municipal_guidelines.model.site import load_site

    project = Project(ROOT)
    model = load_site(project.docs, project.topics_file)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        job = write_site_exports_in_background(tmp_path, model.matrices, None, project.default_lang)
    finally:
        stop.set()
        other.join()
    assert job.process is None and (tmp_path / "data" / "matrix.csv").is_file()
    job.result()


# --- one module puts HTML into rendered pages (issue 24) -------------------------------------------

INSERT_MODULE = PACKAGE / "render" / "insert.py"  # the one module allowed to search, split and replace page HTML
THIS_FILE = Path(__file__).resolve()  # left out explicitly: its examples below are such operations
SEARCHES = {"partition", "rpartition", "find", "rfind", "index", "rindex", "replace", "split", "rsplit"}
MARKUP = re.compile(r'<[A-Za-z/!]|class="')  # a tag, an end tag, a comment, a class attribute
RULE_MARKER = "<!--rule-meta"
# In the modules that handle pages, the names page HTML goes by: any of these operations on them counts.
PAGE_HTML = {"html", "output", "page", "content", "part", "shell", "text_html", "head", "rest"}
RENDERING = ("hooks/", "src/municipal_guidelines/render/", "src/municipal_guidelines/site/", "src/municipal_guidelines/export/")


def html_operations(code: str, rendering: bool = True) -> list[str]:
    """Where ``code`` searches, splits or replaces HTML as a string (read from the syntax tree,
    docstrings and comments left aside): a call of a ``str`` method of ``SEARCHES`` with markup
    in its first argument (a literal, an f-string or a constant of the module), the rule marker
    written anywhere, and (``rendering``) such a call on a value named like page HTML."""
    tree = ast.parse(code)
    docstrings = {
        id(node.body[0].value) for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
        and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
    }
    constants: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign):
            targets = [t for target in node.targets for t in (target.elts if isinstance(target, ast.Tuple) else [target])]
            values = node.value.elts if isinstance(node.value, ast.Tuple) else [node.value]
            for target, value in zip(targets, values):
                if isinstance(target, ast.Name) and isinstance(value, ast.Constant) and isinstance(value.value, str):
                    constants[target.id] = value.value

    def text(node: ast.AST) -> str:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.JoinedStr):
            return "".join(text(part) for part in node.values)
        return constants.get(node.id, "") if isinstance(node, ast.Name) else ""

    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and RULE_MARKER in node.value and id(node) not in docstrings:
            found.append(f"line {node.lineno}: the rule marker {node.value!r}")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in SEARCHES and node.args:
            receiver = node.func.value
            named = receiver.id if isinstance(receiver, ast.Name) else ""
            if MARKUP.search(text(node.args[0])) or (rendering and named in PAGE_HTML):
                found.append(f"line {node.lineno}: {ast.unparse(node)}")
    return found


def test_only_render_insert_puts_html_into_rendered_pages() -> None:
    """Every insertion into a rendered page is a named function of render/insert.py (or a block of
    overrides/main.html); no other module of the package or hook file searches, splits or
    replaces page HTML as a string, or writes or reads the rule marker."""
    files = [
        path for path in sorted([*(ROOT / "hooks").glob("*.py"), *(ROOT / "src").rglob("*.py")])
        if path.resolve() not in (INSERT_MODULE.resolve(), THIS_FILE)
    ]
    offenders = {}
    for path in files:
        where = path.relative_to(ROOT).as_posix()
        found = html_operations(path.read_text(encoding="utf-8"), rendering=where.startswith(RENDERING))
        if found:
            offenders[where] = found
    assert len(files) > 50 and offenders == {}
    # the module that may: its insertion points are what the check catches
    assert len(html_operations(INSERT_MODULE.read_text(encoding="utf-8"))) >= 8
    # what the check catches, and what it does not take for such an operation
    for code in (
        'head, sep, rest = output.partition("</h1>")',
        "x = page.rpartition('</article>')",
        "start = html.find(f' class=\"rule\" id=\"{rule_id}\"')",
        'START = "<!-- profile -->"\ni = text.find(START)',
        "part = part.replace(before, after)",
        'marker = f"<!--rule-meta {rule_id}-->"',
        'PATTERN = re.compile(r"<!--rule-meta ([a-z0-9-]+)-->")',
    ):
        assert html_operations(code), code
    for code in (
        '"""Splits at </h1>: <!--rule-meta x--> in a docstring."""',
        'words = text.split("|")  # html.partition("</h1>") in a comment',
        're.split(r"(?<=[.!?])\\s", line)',
        'url.replace("a/", "b/")',
    ):
        assert not html_operations(code), code
    assert not html_operations("part = part.replace(before, after)", rendering=False)
