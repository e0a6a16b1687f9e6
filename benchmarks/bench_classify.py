"""Classify the 23,570 CDNOW customers from a GB18030 CSV: custdev against the naive script and
against XlsxWriter writing the same cells, in the same run.

The customers are CDNOW's (benchmarks/data/cdnow_customers.csv.gz, see benchmarks/data/README.md):
their total spend is the annual sales; names, reps, regions and cities are made up here, in
Chinese, so that the file needs GB18030. Three things are timed, each started with no garbage
left by the one before:
- custdev: `classify_file` (what `custdev classify` runs after its imports): read and detect
  the encoding, check every row, classify, fill the template's Customers table, summary and
  dashboard, read the workbook back and write it;
- naive: pandas.read_csv + ABC by cumulative share + DataFrame.to_excel (openpyxl);
- floor: XlsxWriter in constant_memory mode writing the Customers cells custdev writes (the
  export's columns and the class), from a frame already in memory: no reading, no checks.

Run by hand:  python benchmarks/bench_classify.py [--runs N]
Target (issue 11): custdev >= 4x faster than naive, and within 2x of the floor.
"""

from __future__ import annotations

import argparse
import gc
import resource
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import xlsxwriter

from addin.api import classify_file

DATA = Path(__file__).parent / "data" / "cdnow_customers.csv.gz"
SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁")
GIVEN = list("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬")
REGIONS = {"华东": ["上海", "杭州", "南京"], "华北": ["北京", "天津"], "华南": ["广州", "深圳"]}
REGIONS |= {"西南": ["成都", "重庆"], "华中": ["武汉", "长沙"]}


def export(rng: np.random.Generator) -> pd.DataFrame:
    """The CDNOW customers as a rep's CRM export, headers and names in Chinese."""
    cdnow = pd.read_csv(DATA, dtype={"customer_id": str, "last_purchase": str})
    count = len(cdnow)
    names = [
        s + g1 + g2
        for s, g1, g2 in zip(
            rng.choice(SURNAMES, count),
            rng.choice(GIVEN, count),
            np.where(rng.random(count) < 0.6, rng.choice(GIVEN, count), ""),
            strict=True,
        )
    ]
    region = rng.choice(list(REGIONS), count)
    picks = zip(rng.integers(0, 6, count), region, strict=True)
    city = [REGIONS[r][i % len(REGIONS[r])] for i, r in picks]
    reps = [f"{s}{g}" for s, g in zip(SURNAMES[:20], GIVEN[:20], strict=True)]
    return pd.DataFrame(
        {
            "客户编号": "CD" + cdnow["customer_id"],
            "客户名称": names,
            "业务员": rng.choice(reps, count),
            "区域": region,
            "城市": city,
            "类型": "客户",
            "销售额": cdnow["sales"],
            "上次拜访": pd.to_datetime(cdnow["last_purchase"], format="%Y%m%d").dt.date,
            "备注": [
                f"购买{n}次，共{c}张CD"
                for n, c in zip(cdnow["transactions"], cdnow["cds"], strict=True)
            ],
        }
    )


def seconds(action: Callable[[], object]) -> tuple[float, float]:
    """Wall and processor seconds of `action` (the processor's, all threads and the child
    processes it waited for: on a busy machine the fairer of the two)."""
    gc.collect()
    start, cpu = time.perf_counter(), processor_seconds()
    action()
    return time.perf_counter() - start, processor_seconds() - cpu


def processor_seconds() -> float:
    """This process's processor time and its children's (custdev checks a big sheet in one)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def naive(source: Path, target: Path) -> pd.DataFrame:
    """What a user would write: read, sort by sales, cumulative share, classes, to_excel."""
    frame = pd.read_csv(source, encoding="gb18030", parse_dates=["上次拜访"])
    frame = frame.sort_values("销售额", ascending=False, kind="stable")
    share = frame["销售额"].cumsum() / frame["销售额"].sum()
    frame["ABC分类"] = np.where(share <= 0.8, "A", np.where(share <= 0.95, "B", "C"))
    frame.to_excel(target, index=False, engine="openpyxl")
    return frame


def floor(frame: pd.DataFrame, target: Path) -> None:
    """XlsxWriter, constant memory: the header, then each row's cells, dates formatted."""
    book = xlsxwriter.Workbook(str(target), {"constant_memory": True})
    sheet = book.add_worksheet("客户")
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    dates = {i for i, c in enumerate(frame.columns) if c == "上次拜访"}
    sheet.write_row(0, 0, list(frame.columns))
    for r, values in enumerate(frame.itertuples(index=False), start=1):
        for c, value in enumerate(values):
            if c in dates:
                sheet.write_datetime(r, c, value, day)
            else:
                sheet.write(r, c, value)
    book.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench_classify_"))
    try:
        source = work / "cdnow_export.csv"
        export(np.random.default_rng(11)).to_csv(source, index=False, encoding="gb18030")
        classify_file(source, work / "warm.xlsx")  # imports done, template cached
        classified = naive(source, work / "naive_warm.xlsx")
        cells = classified.shape[0] * classified.shape[1]
        times: dict[str, list[tuple[float, float]]] = {"custdev": [], "naive": [], "floor": []}
        for run in range(args.runs):  # interleaved: a busy spell slows all three alike
            out = work / f"custdev_{run}.xlsx"
            times["custdev"].append(seconds(lambda out=out: classify_file(source, out)))
            out = work / f"naive_{run}.xlsx"
            times["naive"].append(seconds(lambda out=out: naive(source, out)))
            out = work / f"floor_{run}.xlsx"
            times["floor"].append(seconds(lambda out=out: floor(classified, out)))
        print(
            f"{len(classified):,} CDNOW customers from a GB18030 CSV ({source.stat().st_size:,}"
            f" bytes), {cells:,} cells; median of {args.runs} runs, wall (processor)"
        )
        for kind, clock in (("wall", 0), ("processor", 1)):
            median = {
                name: statistics.median(t[clock] for t in found) for name, found in times.items()
            }
            custdev, naive_, floor_ = median["custdev"], median["naive"], median["floor"]
            print(f"  {kind} seconds")
            print(f"    custdev classify                    {custdev:6.2f} s")
            print(
                f"    naive: read_csv + ABC + to_excel    {naive_:6.2f} s"
                f"   custdev {naive_ / custdev:4.1f}x faster   (target >= 4x)"
            )
            print(
                f"    floor: XlsxWriter constant_memory   {floor_:6.2f} s"
                f"   custdev {custdev / floor_:4.1f}x the floor (target <= 2x)"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
