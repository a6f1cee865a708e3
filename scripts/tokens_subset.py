"""Write static/vendor/nlds-voorbeeld-tokens.css: only the design tokens that portal.css uses.

The source is dist/variables.css of the npm package
@nl-design-system-unstable/voorbeeld-design-tokens (EUPL-1.2). Unpack it and run:

    npm pack @nl-design-system-unstable/voorbeeld-design-tokens@7.4.1
    tar -xzf nl-design-system-unstable-voorbeeld-design-tokens-7.4.1.tgz
    python scripts/tokens_subset.py package

Every `var(--name)` in static/css/portal.css that the package defines is kept, together with
the tokens those refer to (transitively), in the package's own order. Rijkshuisstijl tokens
(`--rhc-*`, `--rijkshuisstijl-*`) are refused: their licence does not allow use here.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORTAL_CSS = ROOT / "static" / "css" / "portal.css"
DOEL = ROOT / "static" / "vendor" / "nlds-voorbeeld-tokens.css"
LICENTIE = ROOT / "static" / "vendor" / "nlds-voorbeeld-tokens-LICENSE.md"

DECLARATIE = re.compile(r"^\s*(--[\w-]+)\s*:\s*(.+?);(.*)$", re.MULTILINE)
VERWIJZING = re.compile(r"var\(\s*(--[\w-]+)")
VERBODEN = ("--rhc-", "--rijkshuisstijl-")


def lees_tokens(variables_css: str) -> dict[str, str]:
    """Name -> the full declaration line, in the package's order."""
    return {m.group(1): m.group(0).strip() for m in DECLARATIE.finditer(variables_css)}


def benodigd(portal_css: str, tokens: dict[str, str]) -> set[str]:
    te_doen = [naam for naam in VERWIJZING.findall(portal_css) if naam in tokens]
    gevonden: set[str] = set()
    while te_doen:
        naam = te_doen.pop()
        if naam in gevonden:
            continue
        gevonden.add(naam)
        waarde = tokens[naam].split(":", 1)[1]
        te_doen.extend(n for n in VERWIJZING.findall(waarde) if n in tokens)
    return gevonden


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package", type=Path, help="the unpacked npm package folder")
    args = parser.parse_args()

    meta = json.loads((args.package / "package.json").read_text(encoding="utf-8"))
    tokens = lees_tokens((args.package / "dist" / "variables.css").read_text(encoding="utf-8"))
    portal_css = PORTAL_CSS.read_text(encoding="utf-8")
    namen = benodigd(portal_css, tokens)

    verboden = sorted(n for n in namen if n.startswith(VERBODEN))
    if verboden:
        print("Rijkshuisstijl tokens may not be used:", ", ".join(verboden), file=sys.stderr)
        return 1
    eigen = set(lees_tokens(portal_css))
    onbekend = sorted(set(VERWIJZING.findall(portal_css)) - set(tokens) - eigen)
    if onbekend:
        print(
            "portal.css uses tokens the package does not define:",
            ", ".join(onbekend),
            file=sys.stderr,
        )
        return 1

    regels = [regel for naam, regel in tokens.items() if naam in namen]
    kop = (
        "/**\n"
        f" * {meta['name']}@{meta['version']}: a subset of dist/variables.css\n"
        f" * {meta.get('description', '')}\n"
        f" * Licence: {meta['license']} (see nlds-voorbeeld-tokens-LICENSE.md).\n"
        " * @license SEE LICENSE.md\n"
        " * Copyright (c) 2021 NL Design System Community\n"
        " * All rights reserved\n"
        " *\n"
        " * Do not edit directly, this file was auto-generated.\n"
        " * Only the custom properties that static/css/portal.css uses are kept;\n"
        " * regenerate with: python scripts/tokens_subset.py <unpacked package>\n"
        " */\n\n"
    )
    DOEL.write_text(
        kop + ":root {\n" + "".join(f"  {r}\n" for r in regels) + "}\n", encoding="utf-8"
    )
    shutil.copyfile(args.package / "LICENSE.md", LICENTIE)
    grootte = DOEL.stat().st_size
    print(f"{DOEL.relative_to(ROOT)}: {len(regels)} of {len(tokens)} tokens, {grootte} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
