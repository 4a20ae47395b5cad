"""The Python package: extraction, records, errors, parallel runs, and parity with the CLI."""

import datetime
import json
import subprocess
import warnings

import pytest

import attest
from conftest import REPO


def test_an_event_with_its_actors_codes_and_evidence(pipeline):
    analysis = pipeline.extract("Russia attacked Ukraine on Monday.", date="2024-03-05")
    [event] = analysis.events
    assert event.cameo.startswith("19") and event.plover == "ASSAULT"
    assert analysis.entity(event.source).name == "Russia"
    assert analysis.entity(event.target).name == "Ukraine"
    assert event.modality == "asserted"
    assert event.date == "2024-03-04"


def test_spans_are_python_string_offsets_even_after_non_ascii_text(pipeline):
    text = "Zürich — «Déjà vu», said Ms Müller. Iran condemned Israel on Tuesday."
    analysis = pipeline.extract(text, date=datetime.date(2024, 3, 5))
    spans = [m.span for e in analysis.entities for m in e.mentions]
    spans += [s for e in analysis.events for s in e.evidence]
    assert spans
    for span in spans:
        assert text[span.start:span.end] == span.text
        assert text.encode()[span.byte_start:span.byte_end].decode() == span.text


def test_records_read_as_attributes_and_give_back_the_contract(pipeline):
    analysis = pipeline.extract("Iran condemned Israel.", source="Example Wire", title="T")
    assert analysis.document.source == "Example Wire"
    assert analysis.document["title"] == "T"
    assert analysis.to_dict() == json.loads(analysis.to_json())
    assert analysis.to_dict()["schema"] == attest.SCHEMA_VERSION
    event = analysis.events[0]
    assert event.to_dict() == analysis.to_dict()["events"][0]
    with pytest.raises(AttributeError, match="no field"):
        event.nonexistent
    with pytest.raises(AttributeError):
        event.cameo = "x"


def test_a_dict_document_keeps_its_id_and_meta(pipeline):
    analysis = pipeline.extract({"id": "a-1", "text": "France met Germany.", "desk": "world"})
    assert analysis.document.id == "a-1"
    assert analysis.document.meta.desk == "world"


def test_errors_are_one_hierarchy(pipeline):
    with pytest.raises(attest.InputError) as caught:
        pipeline.extract("   ")
    assert isinstance(caught.value, attest.AttestError)
    with pytest.raises(attest.InputError):
        pipeline.extract(42)
    with pytest.raises(attest.ResourceError):
        attest.Pipeline(actors=[str(REPO / "no-such-dictionary.txt")])


def test_extract_many_keeps_input_order_on_every_thread_count(pipeline):
    texts = [f"Country{i} news. France met Germany." if i % 2 else "Iran condemned Israel." for i in range(23)]
    one = [a.to_json() for a in pipeline.extract_many(texts, threads=1, batch_size=5)]
    two = [a.to_json() for a in pipeline.extract_many(iter(texts), threads=2, batch_size=7)]
    alone = [pipeline.extract(t).to_json() for t in texts]
    assert one == two == alone


def test_extract_many_reports_a_bad_document_by_position(pipeline):
    with pytest.raises(attest.InputError, match="document 1"):
        list(pipeline.extract_many(["Iran condemned Israel.", "  ", "France met Germany."]))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = list(pipeline.extract_many(["Iran condemned Israel.", {"no": "text"}, "x y z."], on_error="skip"))
    assert [a is None for a in out] == [False, True, False]
    assert any("document 1" in str(w.message) for w in caught)
    with pytest.raises(ValueError):
        list(pipeline.extract_many([], on_error="ignore"))


def test_read_documents_reads_as_the_cli_and_warns_about_bad_files(tmp_path):
    (tmp_path / "a.txt").write_text("date 2024-03-05\nIran condemned Israel.\n")
    (tmp_path / "b.jsonl").write_text('{"id": "x", "text": "France met Germany."}\nnot json\n')
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        docs = attest.read_documents(tmp_path)
    assert [(d["id"], d["date"]) for d in docs] == [("a", "2024-03-05"), ("x", None)]
    assert any("b.jsonl:2" in str(w.message) for w in caught)
    with pytest.raises(attest.InputError, match="b.jsonl:2"):
        attest.read_documents(tmp_path, on_error="raise")


def cli_lines(cli: str, path) -> list:
    out = subprocess.run([cli, "extract", str(path)], check=True, capture_output=True, text=True)
    return out.stdout.splitlines()


def python_lines(pipeline, path) -> list:
    docs = attest.read_documents(path)
    return [a.to_json() for a in pipeline.extract_many(docs)]


def test_parity_with_the_cli_on_the_samples(pipeline, cli):
    assert python_lines(pipeline, REPO / "samples") == cli_lines(cli, REPO / "samples")


def test_parity_with_the_cli_on_polnear_dev(pipeline, cli, shared):
    path = shared / "corpora" / "polnear" / "dev" / "text"
    expected = cli_lines(cli, path)
    assert len(expected) == 84
    assert python_lines(pipeline, path) == expected


def test_tables_have_the_export_columns_and_their_offsets_slice_the_text(pipeline):
    text = "Iran condemned Israel on Tuesday. \"We will respond,\" the Iranian foreign minister said."
    analysis = pipeline.extract(text, date="2024-03-05", id="t1")
    for table in ("events", "attributions", "entities", "articles"):
        names = [name for name, _, _ in attest.columns(table)]
        rows = analysis.table(table)
        assert rows and all(list(row) == names for row in rows)
    [event] = [r for r in analysis.table("events") if r["EventRootCode"] == "11"]
    assert event["GlobalEventID"].startswith("t1-")
    assert text[event["EvidenceStart"]:event["EvidenceEnd"]] in event["Evidence"]
    frame = analysis.to_pandas("entities")
    assert list(frame.columns) == [name for name, _, _ in attest.columns("entities")]
    with pytest.raises(attest.InputError):
        analysis.table("no-such-table")
