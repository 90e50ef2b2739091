"""The error family of actor-kg. A user error is a KgError: the CLI prints its message, never a traceback."""
from __future__ import annotations


class KgError(Exception):
    """Base class; `exit_code` follows pySHACL: 1 = data invalid, 2 = bad input or configuration."""

    exit_code = 2


class InputError(KgError):
    """No usable input: a path that does not exist, no documents at all."""


class OntologyError(KgError):
    """A data file in ontology/ is malformed: the message names file, line and problem."""

    def __init__(self, path: str, line: int | None, problem: str) -> None:
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {problem}")
        self.path, self.line, self.problem = path, line, problem


class QueryError(KgError):
    """A SPARQL query that is not a read-only query, or does not parse."""


class GraphMissingError(KgError):
    """A command needs a built graph and there is none."""


class ValidationFailed(KgError):
    exit_code = 1
