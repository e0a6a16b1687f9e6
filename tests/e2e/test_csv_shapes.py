"""CSV as real exports shape it, through the command line: values quoted over several lines are
one record in every command, and what was guessed about the encoding is said in one line."""

from __future__ import annotations

from openpyxl import load_workbook

from tests.e2e.test_cli import run, table_frame


def test_former_reads_a_name_quoted_over_two_lines_as_one_former_customer(tmp_path, capsys):
    customers = tmp_path / "customers.csv"
    customers.write_text("Customer ID,Name,Annual sales\nC1,Acme,100\n", encoding="utf-8")
    former = tmp_path / "former.csv"
    former.write_text('Name,Phone\n"Old\nFriend Ltd",123\nOther,456\n', encoding="utf-8")

    result = run(capsys, "former", customers, former, "-o", tmp_path / "out.xlsx")

    assert result.code == 0, result.text
    names = table_frame(tmp_path / "out.xlsx", "Customers")["Name"].tolist()
    assert names == ["Acme", "Old\nFriend Ltd", "Other"]


def test_classify_reads_a_note_quoted_over_three_lines_as_one_customer(tmp_path, capsys):
    source = tmp_path / "c.csv"
    source.write_text(
        'Customer ID,Name,Annual sales,Notes\nC1,A,100,"one\ntwo\nthree"\nC2,B,5,x\n',
        encoding="utf-8",
    )

    result = run(capsys, "classify", source, "-o", tmp_path / "o.xlsx")

    assert result.code == 0, result.text
    frame = table_frame(tmp_path / "o.xlsx", "Customers")
    assert frame["Customer ID"].tolist() == ["C1", "C2"]
    assert frame["Notes"].tolist() == ["one\ntwo\nthree", "x"]


def test_a_guessed_encoding_is_one_warning_line_and_encoding_silences_it(tmp_path, capsys):
    source = tmp_path / "kunden.csv"
    source.write_bytes("Customer ID;Name;Annual sales\nK1;Müller;10\n".encode("cp1252"))

    guessed = run(capsys, "classify", source, "-o", tmp_path / "a.xlsx")
    given = run(capsys, "classify", source, "-o", tmp_path / "b.xlsx", "--encoding", "cp1252")

    assert guessed.code == 0 and given.code == 0
    assert guessed.err.count("warning:") == 1 and "Windows-1252" in guessed.err
    assert given.err == ""
    for name in ("a.xlsx", "b.xlsx"):
        ws = load_workbook(tmp_path / name).active
        assert ws["B2"].value == "Müller"
