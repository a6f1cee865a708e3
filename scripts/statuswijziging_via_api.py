"""Push a status change for a dossier through the back-office API, as a case system would.

    PORTAL_API_TOKEN=wia_... python scripts/statuswijziging_via_api.py WIA-1000001 met_spoed

It reads the dossier, picks the traject that may move to the new status (or the one of
``--soort``), and posts the change with a fresh Idempotency-Key. Running it again with
``--sleutel`` set to the same key shows the replay: the same answer, nothing changed twice.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import uuid

import requests


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kenmerk", help="The dossier's kenmerk, e.g. WIA-1000001")
    parser.add_argument("naar", help="The new status, e.g. onderzoek_afgerond")
    parser.add_argument("--soort", help="The traject's kind, when more than one can move")
    parser.add_argument("--toelichting", help="A note the person reads with the message")
    parser.add_argument("--portaal", default=os.environ.get("PORTAL_URL", "http://127.0.0.1:5000"))
    parser.add_argument("--sleutel", default=None, help="Idempotency-Key (default: a new one)")
    args = parser.parse_args(argv)

    token = os.environ.get("PORTAL_API_TOKEN")
    if not token:
        print("Set PORTAL_API_TOKEN (flask --app portal api token-maken ...).", file=sys.stderr)
        return 2
    kop = {"Authorization": f"Bearer {token}"}
    api = args.portaal.rstrip("/") + "/api/v1"

    dossier = requests.get(f"{api}/dossiers/{args.kenmerk}", headers=kop, timeout=30)
    if dossier.status_code != 200:
        print(json.dumps(dossier.json(), indent=2, ensure_ascii=False), file=sys.stderr)
        return 1
    kandidaten = [
        t
        for t in dossier.json()["trajecten"]
        if (args.soort is None or t["soort"] == args.soort) and args.naar in t["volgende_statussen"]
    ]
    if not kandidaten:
        print(f"No traject of {args.kenmerk} may move to {args.naar}.", file=sys.stderr)
        return 1
    traject = kandidaten[0]
    lichaam = {"naar": args.naar, "verwacht_van": traject["status"]}
    if args.toelichting:
        lichaam["toelichting"] = args.toelichting
    antwoord = requests.post(
        f"{api}/trajecten/{traject['id']}/statuswijzigingen",
        json=lichaam,
        headers={**kop, "Idempotency-Key": args.sleutel or str(uuid.uuid4())},
        timeout=30,
    )
    print(antwoord.status_code, json.dumps(antwoord.json(), indent=2, ensure_ascii=False))
    return 0 if antwoord.status_code in (200, 201) else 1


if __name__ == "__main__":
    sys.exit(main())
