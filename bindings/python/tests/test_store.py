"""The store from Python: ingest, search, records by actor, type and date."""

import pytest

import attest
from conftest import REPO


@pytest.fixture(scope="module")
def store(tmp_path_factory, pipeline):
    store = attest.Store(tmp_path_factory.mktemp("store") / "news.db")
    summary = store.ingest(attest.read_documents(REPO / "samples"), pipeline)
    assert summary["stored"] >= 4 and not summary["skipped"]
    return store


def test_ingest_is_idempotent_and_reports_bad_documents(store, pipeline):
    documents = attest.read_documents(REPO / "samples")
    again = store.ingest(documents + [{"text": " "}, 7], pipeline)
    assert again["stored"] == 0 and again["already_present"] == len(documents)
    assert [position for position, _ in again["skipped"]] == [len(documents), len(documents) + 1]


def test_search_finds_articles_by_their_words(store):
    hits = store.search("Kabul", limit=5)
    assert hits and all("id" in hit for hit in hits)
    assert store.search("zzzqqqxxx") == []


def test_events_by_actor_name_type_and_date(store):
    events = store.events(actor="Taliban")
    assert events
    plover = events[0]["plover"]
    same_type = store.events(actor="Taliban", plover=plover)
    assert same_type and all(e["plover"] == plover for e in same_type)
    assert store.events(actor="Taliban", since="2999-01-01") == []
    frame = events.to_pandas()
    assert len(frame) == len(events)


def test_attributions_by_speaker_and_article_round_trip(store):
    said = store.attributions(limit=3)
    assert said
    article = store.article(said[0]["article"])
    assert isinstance(article, attest.Analysis)
    assert store.article("no-such-article") is None
    with pytest.raises(attest.StoreError, match="no actor named"):
        store.events(actor="No Such Actor Anywhere")


def test_a_path_that_cannot_be_a_store_raises_store_error(tmp_path):
    with pytest.raises(attest.StoreError):
        attest.Store(tmp_path)
