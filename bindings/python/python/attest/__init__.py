"""attest: evidence-backed records from news articles.

Who said what, who did what to whom, when and where, and according to whom;
every record points to the exact characters of the article that support it.

    >>> import attest
    >>> pipeline = attest.Pipeline()
    >>> analysis = pipeline.extract("Russia attacked Ukraine on Monday.", date="2024-03-05")
    >>> [(e.cameo, e.modality) for e in analysis.events]
    [('190', 'asserted')]

The extraction runs in the Rust core (the same code as the ``attest`` command);
this package only carries documents in and records out. ``Analysis.to_json()``
is exactly what ``attest extract`` prints for the same document.
"""

from __future__ import annotations

import datetime as _dt
import json as _json
import os as _os
import warnings as _warnings
from itertools import islice as _islice
from typing import Any, Iterable, Iterator, Mapping, Optional, Sequence, Union

from . import _native
from ._native import AttestError, InputError, ResourceError, StoreError

__version__: str = _native.__version__
SCHEMA_VERSION: int = _native.SCHEMA_VERSION

__all__ = [
    "AttestError",
    "Analysis",
    "InputError",
    "Pipeline",
    "Record",
    "ResourceError",
    "SCHEMA_VERSION",
    "Results",
    "Span",
    "Store",
    "StoreError",
    "columns",
    "read_documents",
]

PathLike = Union[str, "_os.PathLike[str]"]
Document = Union[str, Mapping[str, Any]]

_SPAN_KEYS = frozenset(("start", "end", "char_start", "char_end", "text"))


class Span:
    """A stretch of the article text.

    ``start`` and ``end`` are character offsets, so ``text[span.start:span.end]``
    is ``span.text`` on the Python string of the article. ``byte_start`` and
    ``byte_end`` are the UTF-8 byte offsets the JSON contract also carries.
    """

    __slots__ = ("start", "end", "byte_start", "byte_end", "text")

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.start: int = data["char_start"]
        self.end: int = data["char_end"]
        self.byte_start: int = data["start"]
        self.byte_end: int = data["end"]
        self.text: str = data["text"]

    def to_dict(self) -> dict:
        """The span as the JSON contract writes it."""
        return {
            "start": self.byte_start,
            "end": self.byte_end,
            "char_start": self.start,
            "char_end": self.end,
            "text": self.text,
        }

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Span) and self.to_dict() == other.to_dict()

    def __repr__(self) -> str:
        return f"Span({self.start}, {self.end}, {self.text!r})"


def _wrap(value: Any) -> Any:
    if isinstance(value, dict):
        if _SPAN_KEYS.issubset(value.keys()):
            return Span(value)
        return Record(value)
    if isinstance(value, list):
        return [_wrap(v) for v in value]
    return value


class Record:
    """A record of the JSON contract with attribute access.

    ``record.name`` and ``record["name"]`` both read a field; nested objects
    are records too and spans are :class:`Span`. ``to_dict()`` gives the
    contract JSON object back unchanged.
    """

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[str, Any]) -> None:
        object.__setattr__(self, "_data", dict(data))

    def __getattr__(self, name: str) -> Any:
        try:
            return _wrap(self._data[name])
        except KeyError:
            raise AttributeError(
                f"{type(self).__name__} has no field {name!r}; fields: {', '.join(self._data)}"
            ) from None

    def __getitem__(self, name: str) -> Any:
        return _wrap(self._data[name])

    def __contains__(self, name: object) -> bool:
        return name in self._data

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("records are read-only; use to_dict() for a copy to change")

    def __dir__(self) -> list:
        return sorted(set(self._data) | {"to_dict", "keys"})

    def keys(self) -> list:
        """The field names, in contract order."""
        return list(self._data)

    def to_dict(self) -> dict:
        """The record as a plain ``dict``, exactly as in the contract JSON."""
        return _json.loads(_json.dumps(self._data))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Record) and self._data == other._data

    def __repr__(self) -> str:
        shown = ", ".join(
            f"{k}={v!r}" for k, v in self._data.items() if not isinstance(v, (list, dict))
        )
        return f"{type(self).__name__}({shown})"


class Analysis:
    """Everything attest found in one article.

    Attributes ``document``, ``sentences``, ``entities``, ``places``,
    ``times``, ``attributions``, ``events`` and ``disputes`` hold records
    (see :class:`Record`); ``to_json()`` is the contract JSON, byte for byte
    what ``attest extract`` prints; ``to_dict()`` the same as Python objects.
    """

    __slots__ = ("_json", "_data")

    def __init__(self, contract_json: str) -> None:
        self._json = contract_json
        self._data: Optional[dict] = None

    def _fields(self) -> dict:
        if self._data is None:
            self._data = _json.loads(self._json)
        return self._data

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return _wrap(self._fields()[name])
        except KeyError:
            raise AttributeError(f"Analysis has no field {name!r}") from None

    def __getitem__(self, name: str) -> Any:
        return _wrap(self._fields()[name])

    def __dir__(self) -> list:
        return sorted(set(self._fields()) | {"to_dict", "to_json", "entity", "table", "to_pandas"})

    @property
    def text(self) -> str:
        """The article text every span indexes."""
        return self._fields()["document"]["text"]

    def entity(self, entity_id: Optional[str]) -> Optional[Record]:
        """The entity (or place) with this id, e.g. an event's ``source``."""
        if entity_id is None:
            return None
        fields = self._fields()
        for item in fields["entities"] + fields["places"]:
            if item["id"] == entity_id:
                return Record(item)
        return None

    def to_json(self, indent: Optional[int] = None) -> str:
        """The contract JSON; without ``indent``, exactly the CLI's line."""
        if indent is None:
            return self._json
        return _json.dumps(self._fields(), indent=indent, ensure_ascii=False)

    def to_dict(self) -> dict:
        """The contract JSON as Python objects (a fresh copy)."""
        return _json.loads(self._json)

    def table(self, table: str = "events") -> list:
        """The rows of one table (``events``, ``attributions``, ``entities``
        or ``articles``) for this article, with the columns of
        ``attest export`` (see :func:`columns`)."""
        key = self._fields()["document"]["id"]
        return _json.loads(_native.table_rows(self._json, table, key))

    def to_pandas(self, table: str = "events"):
        """One table of this article as a pandas ``DataFrame`` (needs pandas)."""
        return _frame(self.table(table), table)

    def __repr__(self) -> str:
        f = self._fields()
        return (
            f"Analysis(id={f['document']['id']!r}, entities={len(f['entities'])}, "
            f"attributions={len(f['attributions'])}, events={len(f['events'])}, "
            f"disputes={len(f['disputes'])})"
        )


def columns(table: str = "events") -> list:
    """The columns of a table, as ``(name, type, description)``; the type is
    ``"text"``, ``"integer"`` or ``"float"``, every column may be null."""
    return list(_native.table_columns(table))


def _frame(rows: list, table: str):
    try:
        import pandas as pd
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError("to_pandas() needs pandas: pip install pandas") from error
    return pd.DataFrame(rows, columns=[name for name, _, _ in columns(table)])


def _document_json(item: Document, **fields: Any) -> str:
    """A document (a text, or a dict of contract ``document`` fields) as JSON."""
    if isinstance(item, str):
        document: dict = {"text": item}
    elif isinstance(item, Mapping):
        document = dict(item)
    else:
        raise InputError(
            f"expected an article text (str) or a dict with a 'text' field, got {type(item).__name__}"
        )
    for key, value in fields.items():
        if value is not None:
            document[key] = value
    for key, value in list(document.items()):
        if isinstance(value, (_dt.date, _dt.datetime)):
            document[key] = value.isoformat()
    try:
        return _json.dumps(document, ensure_ascii=False)
    except (TypeError, ValueError) as error:
        raise InputError(f"the document cannot be written as JSON: {error}") from None


def _encode_batch(batch: list) -> tuple:
    """The documents of a batch as JSON, the positions they hold in the
    batch, and ``(position, problem)`` for those that cannot be written."""
    encoded, sent, problems = [], [], []
    for offset, item in enumerate(batch):
        try:
            encoded.append(_document_json(item))
            sent.append(offset)
        except InputError as error:
            problems.append((offset, str(error)))
    return encoded, sent, problems


class Pipeline:
    """The models and dictionaries, loaded once; then extract as often as needed.

    ``actors``, ``agents``, ``verbs`` and ``discards`` are paths of
    PETRARCH/TABARI-format dictionaries used besides the built-in ones (or
    instead of them, with ``builtin_actors=False`` / ``builtin_verbs=False``).
    A pipeline may be shared by threads.
    """

    def __init__(
        self,
        actors: Sequence[PathLike] = (),
        agents: Sequence[PathLike] = (),
        verbs: Sequence[PathLike] = (),
        discards: Sequence[PathLike] = (),
        builtin_actors: bool = True,
        builtin_verbs: bool = True,
    ) -> None:
        def paths(values: Sequence[PathLike]) -> list:
            if isinstance(values, (str, _os.PathLike)):
                values = [values]
            return [_os.fspath(v) for v in values]

        self._native = _native.Pipeline(
            paths(actors), paths(agents), paths(verbs), paths(discards), builtin_actors, builtin_verbs
        )

    @property
    def stages(self) -> list:
        """The stages every article goes through, in order."""
        return list(self._native.stages())

    def extract(
        self,
        text: Document,
        date: Union[str, _dt.date, None] = None,
        source: Optional[str] = None,
        url: Optional[str] = None,
        title: Optional[str] = None,
        id: Optional[str] = None,
        tokens: bool = False,
    ) -> Analysis:
        """Analyse one article.

        ``text`` is the article text, or a dict of contract ``document``
        fields (``text`` and optional ``id``, ``date``, ``source``, ``url``,
        ``title``; other keys go to ``meta``); the keyword arguments fill in
        or override those fields. ``date`` is a ``datetime.date`` or a string
        in any form the CLI reads (ISO 8601, RFC 2822, "March 5, 2024").
        ``tokens=True`` adds every token with its tags, its syntactic head
        and its relation. Raises :class:`InputError` for an article without
        text.
        """
        document = _document_json(text, date=date, source=source, url=url, title=title, id=id)
        return Analysis(self._native.extract_json(document, tokens))

    def extract_many(
        self,
        documents: Iterable[Document],
        threads: Optional[int] = None,
        batch_size: int = 256,
        on_error: str = "raise",
    ) -> Iterator[Optional[Analysis]]:
        """Analyse many articles in parallel, yielding analyses in input order.

        ``documents`` holds texts or dicts (as for :meth:`extract`) and may be
        any iterable, consumed ``batch_size`` at a time; each batch runs on
        ``threads`` threads (default: all cores) without holding the GIL.
        A document that cannot be analysed raises :class:`InputError` naming
        its position, or with ``on_error="skip"`` gives a warning and ``None``
        in its place, so positions still line up.
        """
        if on_error not in ("raise", "skip"):
            raise ValueError("on_error must be 'raise' or 'skip'")
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        iterator = iter(documents)
        position = 0
        while True:
            batch = list(_islice(iterator, batch_size))
            if not batch:
                return
            results: list = [None] * len(batch)
            encoded, sent, problems = _encode_batch(batch)
            for offset, problem in problems:
                results[offset] = (None, problem)
            for offset, result in zip(sent, self._native.extract_batch(encoded, threads)):
                results[offset] = result
            for offset, (analysis, problem) in enumerate(results):
                if analysis is not None:
                    yield Analysis(analysis)
                    continue
                message = f"document {position + offset}: {problem}"
                if on_error == "raise":
                    raise InputError(message)
                _warnings.warn(f"attest: skipped {message}", RuntimeWarning, stacklevel=2)
                yield None
            position += len(batch)


def read_documents(
    paths: Union[PathLike, Sequence[PathLike]],
    input_format: Optional[str] = None,
    on_error: str = "warn",
) -> list:
    """The articles of files and directories, read exactly as ``attest
    extract`` reads them (plain text with an optional date line, JSON Lines,
    JSON, HTML), as dicts of contract ``document`` fields ready for
    :meth:`Pipeline.extract` or :meth:`Pipeline.extract_many`.

    A file or record that cannot be read is reported with its location: a
    warning by default, an :class:`InputError` with ``on_error="raise"``.
    """
    if on_error not in ("warn", "raise"):
        raise ValueError("on_error must be 'warn' or 'raise'")
    if isinstance(paths, (str, _os.PathLike)):
        paths = [paths]
    documents = []
    for where, document, problem in _native.read_documents(
        [_os.fspath(p) for p in paths], input_format
    ):
        if document is not None:
            documents.append(_json.loads(document))
        elif on_error == "raise":
            raise InputError(f"{where}: {problem}")
        else:
            _warnings.warn(f"attest: skipped {where}: {problem}", RuntimeWarning, stacklevel=2)
    return documents


class Results(list):
    """A list of result rows (dicts), with ``to_pandas()``."""

    def to_pandas(self):
        """The rows as a pandas ``DataFrame`` (needs pandas)."""
        try:
            import pandas as pd
        except ImportError as error:  # pragma: no cover - depends on the environment
            raise ImportError("to_pandas() needs pandas: pip install pandas") from error
        return pd.json_normalize(list(self), max_level=0) if self else pd.DataFrame()


_PAGE = 200


class Store:
    """The store ``attest ingest`` writes and ``attest serve`` reads: one
    SQLite file with every analysed article, its records and full-text search.

    Listings return :class:`Results` (lists of dicts, with ``to_pandas()``);
    ``limit=None`` returns every match. An actor is given by its store id
    (an ``int``, as listed by :meth:`actors`) or by a name or alias.
    """

    def __init__(self, path: PathLike) -> None:
        self._native = _native.Store(_os.fspath(path))

    def ingest(
        self,
        documents: Iterable[Document],
        pipeline: Optional[Pipeline] = None,
        replace: bool = False,
        threads: Optional[int] = None,
        batch_size: int = 256,
    ) -> dict:
        """Analyse and store articles (texts or document dicts), a batch per
        transaction; an article already stored is not analysed again, one
        whose id holds a different article is a conflict unless ``replace``.
        Returns counts: ``stored``, ``already_present``, ``replaced``,
        ``conflicts`` (ids) and ``skipped`` (position and problem)."""
        pipeline = pipeline or Pipeline()
        total: dict = {"stored": 0, "already_present": 0, "replaced": 0, "conflicts": [], "skipped": []}
        iterator = iter(documents)
        position = 0
        while True:
            batch = list(_islice(iterator, batch_size))
            if not batch:
                return total
            encoded, sent, problems = _encode_batch(batch)
            total["skipped"].extend((position + offset, problem) for offset, problem in problems)
            summary = _json.loads(self._native.ingest(pipeline._native, encoded, replace, threads))
            for key in ("stored", "already_present", "replaced"):
                total[key] += summary[key]
            total["conflicts"].extend(summary["conflicts"])
            total["skipped"].extend((position + sent[i], problem) for i, problem in summary["skipped"])
            total["skipped"].sort()
            position += len(batch)

    def search(self, query: str, limit: int = 20) -> Results:
        """Articles matching a full-text query (FTS5: words, "phrases", AND,
        OR, NOT, prefix*), best first, with a snippet."""
        return Results(_json.loads(self._native.search(query, limit)))

    def article(self, article_id: str) -> Optional[Analysis]:
        """A stored article's analysis, or ``None``."""
        found = self._native.article(article_id)
        return None if found is None else Analysis(found)

    def stats(self) -> dict:
        """How many articles and records the store holds."""
        return _json.loads(self._native.stats())

    def _list(self, kind: str, filters: dict, limit: Optional[int]) -> Results:
        query = _json.dumps({k: v for k, v in filters.items() if v is not None})
        rows: Results = Results()
        while limit is None or len(rows) < limit:
            size = _PAGE if limit is None else min(_PAGE, limit - len(rows))
            page = _json.loads(self._native.query(kind, query, size, len(rows)))
            rows.extend(page["items"])
            if not page["items"] or len(rows) >= page["total"]:
                break
        return rows

    def _actor_id(self, actor: Union[int, str, None]) -> Optional[int]:
        if actor is None or isinstance(actor, int):
            return actor
        candidates = self._list("actors", {"q": actor}, None)
        exact = [a for a in candidates if a["name"].lower() == actor.lower()]
        chosen = (exact or candidates)[:1]
        if not chosen:
            raise StoreError(f"no actor named {actor!r} in the store")
        return chosen[0]["id"]

    def actors(self, query: Optional[str] = None, kind: Optional[str] = None, limit: Optional[int] = None) -> Results:
        """Actors by name or alias (part of it), with counts of their
        articles, events and statements."""
        return self._list("actors", {"q": query, "kind": kind}, limit)

    def actor(self, actor: Union[int, str]) -> Optional[dict]:
        """Who an actor is: codes over time, a timeline, what it said, what
        it did and what was done to it."""
        found = self._native.actor(self._actor_id(actor))
        return None if found is None else _json.loads(found)

    def articles(
        self,
        query: Optional[str] = None,
        since: Optional[str] = None,
        until: Optional[str] = None,
        source: Optional[str] = None,
        actor: Union[int, str, None] = None,
        limit: Optional[int] = None,
    ) -> Results:
        """Stored articles, newest first (best first with a ``query``)."""
        filters = {"q": query, "from": since, "to": until, "source": source, "actor": self._actor_id(actor)}
        return self._list("articles", filters, limit)

    def events(
        self,
        actor: Union[int, str, None] = None,
        source: Union[int, str, None] = None,
        target: Union[int, str, None] = None,
        root: Optional[str] = None,
        plover: Optional[str] = None,
        modality: Optional[str] = None,
        since: Optional[str] = None,
        until: Optional[str] = None,
        place: Optional[str] = None,
        article: Optional[str] = None,
        limit: Optional[int] = None,
    ) -> Results:
        """Events: ``actor`` as source or target (or ``source``/``target``),
        CAMEO ``root`` ("19"), PLOVER type ("ASSAULT"), modality, dates
        (``since``/``until``, ISO), place name or article id."""
        filters = {
            "actor": self._actor_id(actor),
            "source": self._actor_id(source),
            "target": self._actor_id(target),
            "root": root,
            "plover": plover,
            "modality": modality,
            "from": since,
            "to": until,
            "place": place,
            "article": article,
        }
        return self._list("events", filters, limit)

    def attributions(
        self,
        speaker: Union[int, str, None] = None,
        via: Union[int, str, None] = None,
        query: Optional[str] = None,
        since: Optional[str] = None,
        until: Optional[str] = None,
        article: Optional[str] = None,
        limit: Optional[int] = None,
    ) -> Results:
        """Who said what: by speaker, by an outlet in the ``via`` chain, by
        words of the content, by dates or article."""
        filters = {
            "speaker": self._actor_id(speaker),
            "via": self._actor_id(via),
            "q": query,
            "from": since,
            "to": until,
            "article": article,
        }
        return self._list("attributions", filters, limit)

    def disputes(self, limit: Optional[int] = None) -> Results:
        """Statements that reject others, each beside what it rejects."""
        return self._list("disputes", {}, limit)
