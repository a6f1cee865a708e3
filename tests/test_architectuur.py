"""The borders of docs/architectuur.md, checked over the import graph of the source.

Read from the source with ``ast`` (nothing is imported), so a new import that crosses a
border fails here, with the module and the line that crossed it.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The foundation every layer may use: the models, time and the working calendar, the status
# table and other fixed tables, input checks and date words. It imports nothing above it.
FUNDAMENT = {
    "portal.b1",
    "portal.config",
    "portal.datumtekst",
    "portal.db",
    "portal.invoer",
    "portal.kalender",
    "portal.kantoren",
    "portal.logboek",
    "portal.models",
    "portal.statussen",
    "portal.talen",
    "portal.termijnen",
    "portal.tijd",
    "portal.toezeggingsoorten",
    "portal.vertalen",
}
# Process wiring may import anything; only the app factory imports it.
BEDRADING = {"portal", "portal.werker"}


@dataclass(frozen=True)
class Import:
    van: str  # the importing module
    naar: str  # the imported module
    regel: int

    def __str__(self) -> str:
        return f"{self.van}:{self.regel} imports {self.naar}"


def _modulenaam(pad: Path) -> str:
    delen = list(pad.relative_to(ROOT).with_suffix("").parts)
    if delen[-1] == "__init__":
        delen.pop()
    return ".".join(delen)


@cache
def _modules() -> dict[str, Path]:
    paden = [*ROOT.glob("portal/**/*.py"), *ROOT.glob("notificaties/**/*.py")]
    return {_modulenaam(p): p for p in paden}


@cache
def imports() -> tuple[Import, ...]:
    """Every import of one of our modules by another, as the module it names."""
    modules = _modules()
    gevonden = []
    for naam, pad in modules.items():
        pakket = naam if pad.name == "__init__.py" else naam.rpartition(".")[0]
        for knoop in ast.walk(ast.parse(pad.read_text(), str(pad))):
            doelen: list[str] = []
            if isinstance(knoop, ast.Import):
                doelen = [alias.name for alias in knoop.names]
            elif isinstance(knoop, ast.ImportFrom):
                basis = knoop.module or ""
                if knoop.level:
                    boven = pakket.split(".")[: len(pakket.split(".")) - knoop.level + 1]
                    basis = ".".join([*boven, *([knoop.module] if knoop.module else [])])
                # ``from portal import statussen`` imports the module portal.statussen.
                subs = [f"{basis}.{a.name}" for a in knoop.names if f"{basis}.{a.name}" in modules]
                doelen = subs if len(subs) == len(knoop.names) else [basis, *subs]
            elif (
                # ``notificaties.aanvragen.meld(...)`` reaches a submodule without importing it.
                isinstance(knoop, ast.Attribute)
                and isinstance(knoop.value, ast.Name)
                and knoop.value.id == "notificaties"
                and f"notificaties.{knoop.attr}" in modules
            ):
                doelen = [f"notificaties.{knoop.attr}"]
            gevonden += [
                Import(naam, d, knoop.lineno) for d in doelen if d in modules and d != naam
            ]
    return tuple(gevonden)


def eenheid(module: str) -> str:
    """The unit a module belongs to: a package of portal, a top-level module, notificaties."""
    if module == "notificaties" or module.startswith("notificaties."):
        return "notificaties"
    delen = module.split(".")
    if len(delen) >= 2 and (ROOT / "portal" / delen[1]).is_dir():
        return ".".join(delen[:2])
    return module


def _in(module: str, eenheden: set[str]) -> bool:
    return eenheid(module) in eenheden


def test_the_import_graph_is_read_from_the_source():
    # A guard for the checks below: an empty graph would let each of them pass.
    gevonden = {(i.van, i.naar) for i in imports()}
    assert ("portal.services.inzage", "notificaties") in gevonden
    assert ("portal.dossier.mijn", "portal.auth") in gevonden
    assert ("notificaties.kwartaalupdate", "portal.statussen") in gevonden


def test_no_cycle_between_packages():
    graaf: dict[str, set[str]] = defaultdict(set)
    for i in imports():
        if eenheid(i.van) != eenheid(i.naar):
            graaf[eenheid(i.van)].add(eenheid(i.naar))
    try:
        tuple(TopologicalSorter(graaf).static_order())
    except CycleError as fout:
        kring = fout.args[1]
        paren = set(zip(kring[1:], kring, strict=False))  # the sorter lists the cycle backwards
        voorbeelden = [str(i) for i in imports() if (eenheid(i.van), eenheid(i.naar)) in paren]
        melding = f"Packages import each other: {kring}\n" + "\n".join(voorbeelden)
        raise AssertionError(melding) from None


def test_the_foundation_imports_nothing_above_it():
    over = [str(i) for i in imports() if _in(i.van, FUNDAMENT) and not _in(i.naar, FUNDAMENT)]
    assert over == []


def test_notificaties_imports_only_the_foundation_from_the_portal():
    over = [
        str(i)
        for i in imports()
        if eenheid(i.van) == "notificaties" and not _in(i.naar, FUNDAMENT | {"notificaties"})
    ]
    assert over == []


def test_the_portal_reaches_notificaties_only_through_its_public_entry():
    over = [
        str(i)
        for i in imports()
        if i.naar.startswith("notificaties.")
        and eenheid(i.van) != "notificaties"
        and not _in(i.van, BEDRADING)
    ]
    assert over == []


def test_services_use_only_the_foundation_notificaties_and_each_other():
    toegestaan = FUNDAMENT | {"portal.services", "notificaties"}
    over = [
        str(i)
        for i in imports()
        if eenheid(i.van) == "portal.services" and not _in(i.naar, toegestaan)
    ]
    assert over == []


def test_services_do_not_read_the_request():
    # Services take what they need as arguments; the view reads the request and the login.
    over = []
    for naam, pad in _modules().items():
        if eenheid(naam) != "portal.services":
            continue
        for knoop in ast.walk(ast.parse(pad.read_text())):
            if isinstance(knoop, ast.ImportFrom) and knoop.module == "flask":
                over += [
                    f"{naam}:{knoop.lineno} {a.name}"
                    for a in knoop.names
                    if a.name in {"request", "session", "g"}
                ]
    assert over == []


def test_no_feature_imports_another_features_views():
    # What several features need lives in a shared module (portal.auth.eigen, a feature's
    # meldingen.py, portal.formulieren), never in a view module that others import.
    over = [
        str(i)
        for i in imports()
        if i.naar.rpartition(".")[2] == "views"
        and eenheid(i.van) != eenheid(i.naar)
        and not _in(i.van, BEDRADING)
    ]
    assert over == []


def test_only_the_app_factory_imports_the_wiring():
    over = [
        str(i)
        for i in imports()
        if _in(i.naar, BEDRADING - {"portal"}) and not _in(i.van, BEDRADING)
    ]
    assert over == []
