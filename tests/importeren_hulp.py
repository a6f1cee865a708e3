"""What the import tests share: BSNs of their own, CSV files, running the command."""

from __future__ import annotations

from pathlib import Path

from click.testing import Result
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.demo import personas
from portal.models import Base

# Valid BSNs of their own, apart from those the factories hand out (999000000 and up).
_bsns = personas.test_bsns(998_000_000)
BSN = [next(_bsns) for _ in range(8)]
ONGELDIG_BSN = "123456789"  # fails the 11-proef
KOP = "kenmerk,bsn,voornamen,tussenvoegsel,achternaam,taal,telefoon,email,soort,status"


def bestand(tmp_path: Path, *regels: str, naam: str = "import.csv") -> Path:
    pad = tmp_path / naam
    pad.write_text("\n".join(regels) + "\n", encoding="utf-8")
    return pad


def importeer(app: Flask, soort: str, pad: Path, *opties: str) -> Result:
    return app.test_cli_runner().invoke(args=["import", soort, str(pad), *opties])


def tel_alles(db: Session) -> dict[str, int]:
    db.expire_all()
    return {
        tabel.name: db.scalar(select(func.count()).select_from(tabel)) or 0
        for tabel in Base.metadata.sorted_tables
    }


def goed_bestand(tmp_path: Path) -> Path:
    return bestand(
        tmp_path,
        KOP,
        f"WIA-4000001,{BSN[0]},Marieke,van der,Linden,nl,06 12345678,marieke@example.nl,"
        "dagloon,in_onderzoek",
        f"WIA-4000001,{BSN[0]},Marieke,van der,Linden,nl,06 12345678,marieke@example.nl,indexatie,",
        f"WIA-4000002,{BSN[1]},Youssef,el,Amrani,en,,,ewt,wacht_op_beoordeling",
    )
