"""`custdev former` end to end: a rep's former customers join as prospects, tagged with a source
and a rep that were given, asked for on a terminal, or assumed and said."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from addin.api import read_customers
from tests.e2e.test_pipeline_cli import HEADER, ROWS, run

ONE_REP = (
    "Customer ID,Name,Rep,Kind,Annual sales\nC1,Acme,Ann,customer,1000\nC2,Bolt,Ann,customer,5\n"
)
FORMER = "Customer ID,名称,电话\n,New Trading,13900000001\nX9,Acme,\n,Other,\n"


@pytest.fixture()
def customers_csv(tmp_path: Path) -> Path:
    """Two reps, Ann and Bo; Acme (C1) has no phone."""
    path = tmp_path / "customers.csv"
    path.write_text(HEADER + "\n".join(ROWS) + "\n", encoding="utf-8")
    return path


@pytest.fixture()
def one_rep(tmp_path: Path) -> Path:
    path = tmp_path / "one_rep.csv"
    path.write_text(ONE_REP, encoding="utf-8")
    return path


@pytest.fixture()
def former_list(tmp_path: Path) -> Path:
    path = tmp_path / "former.csv"
    path.write_text(FORMER, encoding="utf-8")
    return path


def test_former_customers_join_as_tagged_prospects_without_duplicates(customers_csv, tmp_path):
    former = tmp_path / "former.csv"
    former.write_text("名称,电话\nAcme,\nNew Trading,13900000001\n", encoding="utf-8")
    output = tmp_path / "with_former.xlsx"
    code, out, err = run(
        "former", customers_csv, former, "-o", output, "--source", "同行", "--rep", "Ann"
    )
    assert code == 0, err
    assert "Added 1 former customers as prospects; 1 were already in the table." in out
    assert "already in the table as C1" in err
    table = read_customers(output)
    new = table.frame[table.frame["name"] == "New Trading"].iloc[0]
    assert (new["kind"], new["stage"], new["source"], new["rep"]) == (
        "prospect",
        "potential",
        "peer",
        "Ann",
    )
    assert len(table.frame) == len(ROWS) + 1


def test_blank_ids_in_the_id_column_get_new_ids_as_a_list_without_ids_does(one_rep, former_list):
    output = former_list.with_name("out.xlsx")
    code, _, err = run("former", one_rep, former_list, "-o", output, "--source", "peer")
    assert code == 0, err
    frame = read_customers(output).frame.set_index("name")
    assert frame.loc[["New Trading", "Other"], "customer_id"].tolist() == ["F00001", "F00002"]
    assert "row 3 is already in the table as C1 (same name; a phone is missing" in err


def test_an_unknown_source_lists_the_accepted_keys_with_their_names(one_rep, former_list):
    code, _, err = run("former", one_rep, former_list, "--source", "friends")
    assert code == 2
    assert err.startswith("error: --source 'friends' is not a source. Fix: use sold_to_me (")
    assert "peer (Peer) or former_product (Bought my former product)" in err
    _, _, chinese = run("former", one_rep, former_list, "--source", "friends", "--lang", "zh")
    assert "sold_to_me（以前卖给我的）、peer（同行）或 former_product" in chinese


def test_without_rep_and_source_it_says_what_it_assumed_and_generate_makes_no_blank_book(
    one_rep, former_list, tmp_path
):
    output = tmp_path / "out.xlsx"
    code, _, err = run("former", one_rep, former_list, "-o", output)
    assert code == 0, err
    assert "note: no --source given: the 2 new prospects are tagged former_product" in err
    assert "note: no --rep given: the 2 new prospects go to Ann, the only rep" in err
    assert run("generate", output, "--out", tmp_path / "reps")[0] == 0
    assert sorted(p.name for p in (tmp_path / "reps").glob("*.xlsx")) == ["Ann.xlsx"]


def test_without_rep_a_workbook_of_several_reps_is_refused_naming_the_option(
    customers_csv, former_list
):
    code, _, err = run("former", customers_csv, former_list, "--source", "peer")
    assert code == 2
    assert err == (
        "error: the 2 new prospects need a rep, and the workbook has 2 (Ann, Bo). "
        "Fix: name the rep who brings them with --rep NAME.\n"
    )


def test_on_a_terminal_it_asks_for_source_and_rep_and_asks_again_after_a_blank_name(
    customers_csv, former_list, tmp_path
):
    output = tmp_path / "asked.xlsx"
    command = [
        sys.executable,
        "-m",
        "addin.cli",
        "former",
        customers_csv,
        former_list,
        "-o",
        output,
    ]
    with Terminal(command) as terminal:
        assert "peer (Peer) or former_product" in terminal.read_until("[former_product]: ")
        terminal.type("\n")  # the default
        assert "(the workbook has: Ann, Bo): " in terminal.read_until("): ")
        terminal.type("  \n")
        assert "error: the rep's name is blank" in terminal.read_until("): ")
        terminal.type("Bo\n")
        assert terminal.wait() == 0
    added = read_customers(output).frame.set_index("customer_id").loc[["F00001", "F00002"]]
    assert added["rep"].tolist() == ["Bo", "Bo"]
    assert added["source"].tolist() == ["former_product"] * 2


class Terminal:
    """A command run on a pseudo-terminal, as a person at a keyboard would run it."""

    def __init__(self, command: list[object]) -> None:
        self.master, slave = pty.openpty()
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
        self.process = subprocess.Popen(
            [str(c) for c in command], stdin=slave, stdout=slave, stderr=slave, env=env
        )
        os.close(slave)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        os.close(self.master)

    def read_until(self, ending: str, timeout: float = 60) -> str:
        seen, deadline = b"", time.monotonic() + timeout
        while not seen.decode(errors="replace").endswith(ending):
            if time.monotonic() > deadline or not select.select([self.master], [], [], 1)[0]:
                if time.monotonic() > deadline:
                    raise AssertionError(f"no {ending!r} on the screen; it shows {seen!r}")
                continue
            seen += os.read(self.master, 4096)
        return seen.decode()

    def type(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def wait(self) -> int:
        return self.process.wait(timeout=60)
