"""Reusing former customers (既有客户利用法): imported as prospects, tagged, never twice."""

from __future__ import annotations

import pandas as pd
import pytest

from addin.domain.errors import SettingsError
from addin.domain.former import DEFAULT_SOURCE, import_former, new_ids, source_option
from addin.domain.i18n import use_language

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
    assert found.skipped.loc[2].tolist() == ["C1", "name_phone"]


def test_a_match_on_the_name_alone_is_reported_as_a_name_match_not_name_and_phone():
    found = import_former(
        CURRENT, former(("F1", "Bolt Co", "13912345678"), ("F2", "acme ltd", None))
    )
    assert found.skipped.loc[2].tolist() == ["C2", "name"]  # C2 has no phone
    assert found.skipped.loc[3].tolist() == ["C1", "name"]  # the list has none


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


WITH_REPS = CURRENT.assign(rep=["Ann", "Ann", None])


def test_blank_ids_get_new_ones_that_neither_the_table_nor_the_list_uses():
    ids = pd.Series(["F00001", None, "  ", "X9", float("nan")])
    filled = new_ids(ids, taken=["F00002", "C1"])
    assert filled.tolist() == ["F00001", "F00003", "F00004", "X9", "F00005"]


def test_without_a_source_the_new_prospects_are_tagged_as_former_product_and_that_is_said():
    found = import_former(CURRENT, former(("F1", "New Co", "1")))
    assert found.added["source"].tolist() == [DEFAULT_SOURCE] == ["former_product"]
    assert any("no --source given" in said and "former_product" in said for said in found.assumed)


def test_a_source_the_list_gives_is_kept_and_only_the_blank_ones_get_the_default():
    listed = former(("F1", "New Co", "1"), ("F2", "Other", "2")).assign(source=["peer", None])
    found = import_former(CURRENT, listed)
    assert found.added["source"].tolist() == ["peer", "former_product"]


def test_without_a_rep_the_new_prospects_go_to_the_only_rep_of_the_workbook_and_that_is_said():
    found = import_former(WITH_REPS, former(("F1", "New Co", "1")))
    assert found.added["rep"].tolist() == ["Ann"]
    assert any("Ann, the only rep in the workbook" in said for said in found.assumed)


def test_blank_rep_and_source_columns_read_as_numbers_still_take_the_defaults():
    listed = former(("F1", "New Co", "1")).assign(rep=float("nan"), source=float("nan"))
    found = import_former(WITH_REPS, listed)
    assert (found.added["rep"].tolist(), found.added["source"].tolist()) == (
        ["Ann"],
        [DEFAULT_SOURCE],
    )


def test_without_a_rep_a_workbook_of_several_reps_is_refused_with_the_option_to_give():
    several = CURRENT.assign(rep=["Ann", "Bo", "Cy"])
    with pytest.raises(SettingsError, match=r"workbook has 3 \(Ann, Bo, Cy\).*--rep NAME"):
        import_former(several, former(("F1", "New Co", "1")))


def test_a_workbook_without_reps_leaves_the_new_prospects_without_one_and_says_nothing_of_it():
    found = import_former(CURRENT, former(("F1", "New Co", "1")), source="peer")
    assert found.added.get("rep", pd.Series([None])).isna().all()
    assert found.assumed == ()


def test_what_is_missing_is_asked_with_the_default_offered_and_the_answer_checked():
    asked = []

    def ask(question, default, check):
        asked.append((question, default))
        return check({"former_product": " 同行 ", None: " Bo "}[default])

    several = CURRENT.assign(rep=["Ann", "Bo", "Cy"])
    found = import_former(several, former(("F1", "New Co", "1")), ask=ask)
    assert (found.added["source"].tolist(), found.added["rep"].tolist()) == (["peer"], ["Bo"])
    assert [default for _, default in asked] == ["former_product", None]
    assert "Ann, Bo, Cy" in asked[1][0]
    assert found.assumed == ()  # answered, not assumed


def test_an_unknown_source_option_lists_the_accepted_keys_with_their_names_in_each_language():
    with pytest.raises(SettingsError) as english:
        source_option("friends")
    assert "sold_to_me (Sold to me before), peer (Peer) or former_product" in str(english.value)
    with use_language("zh"), pytest.raises(SettingsError) as chinese:
        source_option("friends")
    assert "peer（同行）" in str(chinese.value)
    assert source_option("Bought my former product") == "former_product"
