"""Reusing former customers (既有客户利用法): imported as prospects, tagged, never twice."""

from __future__ import annotations

import pandas as pd

from addin.domain.former import import_former

CURRENT = pd.DataFrame(
    {
        "customer_id": ["C1", "C2", "C3"],
        "name": ["Acme Ltd", "Bolt Co", "Chen Trading"],
        "phone": ["138-0013-8000", None, "021 5555 0001"],
    }
)


def former(*rows: tuple) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["customer_id", "name", "phone"]).set_axis(
        range(2, 2 + len(rows))
    )


def test_a_former_customer_with_an_id_already_present_is_not_added_again():
    found = import_former(CURRENT, former(("C2", "Someone else", None)))
    assert found.added.empty
    assert found.skipped.loc[2].tolist() == ["C2", "id"]


def test_without_an_id_match_the_same_name_and_phone_is_the_same_customer():
    found = import_former(CURRENT, former(("F1", "ACME  ltd", "13800138000")))
    assert found.added.empty
    assert found.skipped.loc[2].tolist() == ["C1", "name"]


def test_the_same_name_with_another_phone_is_another_person_and_is_added():
    found = import_former(CURRENT, former(("F1", "Chen Trading", "13912345678")))
    assert found.added["customer_id"].tolist() == ["F1"]


def test_without_a_phone_on_either_side_the_name_alone_prevents_a_duplicate():
    found = import_former(CURRENT, former(("F1", "bolt co", "13912345678")))
    assert found.added.empty


def test_new_ones_become_green_prospects_to_keep_visiting_tagged_with_their_source_and_rep():
    found = import_former(
        CURRENT, former(("F1", "New Co", "1"), ("F2", "Other", "2")), "peer", "Ann"
    )
    added = found.added
    assert added["customer_id"].tolist() == ["F1", "F2"]
    assert set(added["kind"]) == {"prospect"}
    assert set(added["stage"]) == {"potential"}
    assert set(added["follow_up"]) == {"keep"}
    assert set(added["source"]) == {"peer"}
    assert set(added["rep"]) == {"Ann"}


def test_a_person_listed_twice_in_the_former_list_comes_in_once():
    found = import_former(CURRENT, former(("F1", "New Co", "1"), ("F2", "new co", "1")))
    assert found.added["customer_id"].tolist() == ["F1"]
