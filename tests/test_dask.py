"""declutter.dask: cleaning a bag of records on Dask's schedulers."""

from __future__ import annotations

import json
import os

import pytest

from declutter import clean
from declutter.dask import clean_bag, clean_jsonl

db = pytest.importorskip("dask.bag")

ARTICLE = (
    "The council said on Monday that the repairs to the old bridge would start in the "
    "spring and take about eight months, while a ferry keeps the two banks connected."
)
PAGE = (
    "<html><head><title>Bridge repairs</title></head><body><nav><a href='/'>Home</a></nav>"
    f"<article><h1>Bridge repairs</h1><p>{ARTICLE}</p></article></body></html>"
)
RECORDS = [
    {"id": "p1", "html": PAGE},
    {"id": "p2", "text": ""},  # an empty page: an error record, not a failed partition
    {"id": "p3", "text": f"Bridge repairs\n\n{ARTICLE}"},
    {"id": "p4"},  # no page at all
]


@pytest.fixture(scope="module")
def cluster_client():
    """A real distributed cluster: two worker processes, one thread each."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            yield client


def test_clean_bag_on_a_local_cluster_of_worker_processes(cluster_client):
    bag = clean_bag(db.from_sequence(RECORDS, npartitions=2))
    out = cluster_client.compute(bag).result()
    assert [r["id"] for r in out] == ["p1", "p2", "p3", "p4"]
    assert out[0]["text"] == clean(PAGE).text
    assert out[1]["error"].startswith("EmptyPageError") and "no page" in out[3]["error"]
    pids = cluster_client.run(os.getpid)
    assert len(set(pids.values())) == 2 and os.getpid() not in pids.values()


def test_clean_bag_answers_every_record_in_order():
    # In this process (the cluster test above runs the same in worker processes).
    out = clean_bag(db.from_sequence(RECORDS, npartitions=2)).compute(scheduler="sync")
    assert [r["id"] for r in out] == ["p1", "p2", "p3", "p4"]
    assert out[0]["text"] == clean(PAGE).text and out[0]["kind"] == "html"
    assert ARTICLE in out[0]["text"]
    assert out[1]["error"].startswith("EmptyPageError")
    assert out[2]["kind"] == "text" and ARTICLE in out[2]["text"]
    assert "no page" in out[3]["error"]


def test_clean_jsonl_reads_lines_and_reports_bad_ones(tmp_path):
    lines = [json.dumps(r) for r in RECORDS[:1]] + ["{not json", "", json.dumps(RECORDS[2])]
    path = tmp_path / "pages.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = clean_jsonl(db.read_text(str(path))).compute(scheduler="sync")
    assert [r["id"] for r in out] == ["p1", None, "p3"]
    assert out[1]["error"].startswith("invalid JSON") and out[1]["line"] == 2
    assert out[0]["text"] == clean(PAGE).text
