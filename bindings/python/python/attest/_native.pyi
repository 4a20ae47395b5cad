"""Type stubs of the Rust extension module (see __init__.py for the public API)."""

from typing import List, Optional, Sequence, Tuple

__version__: str
SCHEMA_VERSION: int

class AttestError(Exception):
    """Base class of every error attest raises."""

class InputError(AttestError):
    """An article or record that cannot be analysed."""

class ResourceError(AttestError):
    """A model or dictionary that cannot be loaded."""

class StoreError(AttestError):
    """The store cannot be opened, read or written."""

class Pipeline:
    """The models and dictionaries, loaded once."""

    def __init__(
        self,
        actors: Sequence[str] = ...,
        agents: Sequence[str] = ...,
        verbs: Sequence[str] = ...,
        discards: Sequence[str] = ...,
        builtin_actors: bool = ...,
        builtin_verbs: bool = ...,
    ) -> None: ...
    def extract_json(self, document: str, tokens: bool = ...) -> str:
        """One document (JSON object) in, its analysis (contract JSON) out."""
    def extract_batch(
        self, documents: List[str], threads: Optional[int] = ..., tokens: bool = ...
    ) -> List[Tuple[Optional[str], Optional[str]]]:
        """Documents in parallel without the GIL: (analysis, None) or (None, problem) each."""
    def stages(self) -> List[str]:
        """The stage names, in order."""

def read_documents(
    paths: Sequence[str], input_format: Optional[str] = ...
) -> List[Tuple[str, Optional[str], Optional[str]]]:
    """(id or location, document JSON or None, problem or None) for every record."""

def table_rows(analysis: str, table: str, key: str) -> str:
    """The rows of one table of an analysis, as a JSON array of objects."""

def table_columns(table: str) -> List[Tuple[str, str, str]]:
    """(name, type, description) of each column of a table."""

class Store:
    """One store file."""

    def __init__(self, path: str) -> None: ...
    def ingest(
        self, pipeline: Pipeline, documents: List[str], replace: bool = ..., threads: Optional[int] = ...
    ) -> str:
        """Analyse and store documents in one transaction; a JSON summary."""
    def search(self, query: str, limit: int) -> str:
        """Full-text search hits as JSON."""
    def query(self, kind: str, filter: str, limit: int, offset: int) -> str:
        """One page of articles, actors, attributions, events or disputes as JSON."""
    def actor(self, id: int) -> Optional[str]:
        """An actor's profile as JSON."""
    def article(self, id: str) -> Optional[str]:
        """A stored analysis (contract JSON)."""
    def stats(self) -> str:
        """Counts as JSON."""
