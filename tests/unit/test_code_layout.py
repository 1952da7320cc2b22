"""One way through the code: services grouped by area, and no module reaching into another's private helpers."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ROOT / "caf_app" / "services"
AREAS = {"identity", "payments", "paperwork", "situation", "communications", "droits", "gestion", "partenaires"}


def _python_files():
    return sorted(p for p in (ROOT / "caf_app").rglob("*.py"))


def test_every_service_lives_in_its_area():
    loose = [p.name for p in SERVICES.glob("*.py") if p.name != "__init__.py"]
    assert loose == [], f"services by area only ({', '.join(sorted(AREAS))}): {loose}"
    assert {p.name for p in SERVICES.iterdir() if p.is_dir() and p.name != "__pycache__"} == AREAS


def test_no_module_imports_another_module_s_private_helper():
    offenders = []
    for path in _python_files():
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module != "__future__":
                offenders += [f"{path.relative_to(ROOT)}:{node.lineno} {alias.name}" for alias in node.names
                              if alias.name.startswith("_") and not alias.name.startswith("__")]
    assert offenders == []


def test_no_service_calls_a_private_helper_through_another_module():
    """`transmission._pages(...)` from sending.py is the same reach-in as importing it."""
    offenders = []
    for path in SERVICES.rglob("*.py"):
        tree = ast.parse(path.read_text(), filename=str(path))
        imported = {alias.asname or alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                    for alias in node.names}
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__")
                    and isinstance(node.value, ast.Name) and node.value.id in imported):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.value.id}.{node.attr}")
    assert offenders == []


STATE = ROOT / "caf_app" / "state"
GESTION = ROOT / "caf_app" / "gestion"  # the agents' states: the same way through (AgentState is a PrivateState)


def _private_state_modules() -> list[Path]:
    return [path for path in sorted([*STATE.glob("*.py"), *GESTION.glob("*.py")]) if any(
        isinstance(node, ast.ClassDef) and any(getattr(base, "id", "") in ("PrivateState", "AgentState")
                                               for base in node.bases)
        for node in ast.walk(ast.parse(path.read_text())))]


def test_private_pages_reach_the_services_through_call_only():
    """One path from a private page's state to a service (state/private.py): no database session of its own,
    no session check of its own."""
    modules = _private_state_modules()
    assert {path.name for path in modules} >= {"accueil.py", "allocations.py", "declaration.py", "profil.py"}
    offenders = []
    for path in modules:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom):
                offenders += [f"{path.name}:{node.lineno} {alias.name}" for alias in node.names
                              if alias.name in ("Session", "engine", "current_actor", "in_hashing_pool")]
    assert offenders == []


def _reaches_a_service(cls, function, seen: set[str]) -> bool:
    """Does this method, or a helper of the class it calls (self._x()), call self.call or self.checked?"""
    import inspect
    import textwrap

    for node in ast.walk(ast.parse(textwrap.dedent(inspect.getsource(function)))):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self":
            if node.attr in ("call", "checked"):
                return True
            helper = inspect.getattr_static(cls, node.attr, None)
            if node.attr.startswith("_") and inspect.isfunction(helper) and node.attr not in seen:
                seen.add(node.attr)
                if _reaches_a_service(cls, helper, seen):
                    return True
    return False


def test_every_handler_that_reaches_a_service_is_a_private_event():
    """A refusal or a session gone must not escape a handler (Reflex would drop its state changes and show a
    server error): @private_event turns them into what the page shows."""
    import importlib

    from caf_app.state.private import PrivateState

    for path in _private_state_modules():
        importlib.import_module(f"caf_app.{path.parent.name}.{path.stem}")
    states = [cls for cls in _subclasses(PrivateState) if not cls._mixin]
    assert len(states) >= 15
    bare = [f"{cls.__name__}.{name}" for cls in states for name, handler in cls.event_handlers.items()
            if not hasattr(handler.fn, "__wrapped__") and _reaches_a_service(cls, handler.fn, set())]
    assert bare == []


def _subclasses(cls) -> list[type]:
    return [sub for direct in cls.__subclasses__() for sub in (direct, *_subclasses(direct))]


def test_every_private_page_opens_in_one_event():
    """A private page's loader checks the session and fills the header itself (state/private.py), so the page's
    data reaches the browser in one round trip; only a page without a loader (Menu) has require_login alone."""
    from caf_app import routes
    from caf_app.state.private import loaders_of
    from caf_app.state.session import SessionState

    for page in routes.PAGES:
        if page.private:
            loaders = loaders_of(page)
            assert len(loaders) == 1, page.path
            assert (getattr(loaders[0].fn, "opens_a_page", False)
                    or (not page.on_load and loaders[0] is SessionState.require_login)), page.path
