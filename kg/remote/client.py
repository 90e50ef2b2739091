"""HTTP requests to a SPARQL store, with the authentication the store asks for.

urllib's handlers answer a 401 challenge themselves: Digest when the store asks for Digest,
Basic when it asks for Basic, so the user gives a name and a password and not the scheme.
Every failure is a RemoteError naming what was tried, the URL and the store's answer.
"""
from __future__ import annotations

import http.client
import re
from dataclasses import dataclass
from email.message import Message
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit
from urllib.request import (HTTPBasicAuthHandler, HTTPDigestAuthHandler, HTTPPasswordMgrWithDefaultRealm, Request,
                            build_opener)

from ..errors import KgError

TIMEOUT = 300  # seconds for one request: a big graph or a slow query
EXCERPT = 300  # characters of an error body shown to the user


class RemoteError(KgError):
    """A SPARQL endpoint or graph store cannot be reached or refused a request."""


@dataclass(frozen=True)
class Answer:
    status: int
    headers: Message
    body: bytes

    @property
    def media_type(self) -> str:
        return self.headers.get_content_type()


class Http:
    """Requests to the stores at `urls`, authenticated as `user` where they ask for it."""

    def __init__(self, urls: list[str], user: str | None = None, password: str | None = None,
                 timeout: float = TIMEOUT) -> None:
        handlers = []
        if user is not None:
            passwords = HTTPPasswordMgrWithDefaultRealm()
            for url in urls:
                parts = urlsplit(url)
                passwords.add_password(None, f"{parts.scheme}://{parts.netloc}/", user, password or "")
            handlers = [HTTPDigestAuthHandler(passwords), HTTPBasicAuthHandler(passwords)]
        self._opener = build_opener(*handlers)
        self._timeout = timeout
        self._user = user

    def request(self, method: str, url: str, what: str, data: bytes | None = None,
                headers: dict[str, str] | None = None, accept_status: tuple[int, ...] = ()) -> Answer:
        """Send one request; a status of 400 or more (but those in `accept_status`) is a RemoteError."""
        request = Request(url, data=data, method=method, headers=headers or {})
        try:
            with self._opener.open(request, timeout=self._timeout) as response:
                return Answer(response.status, response.headers, response.read())
        except HTTPError as err:
            body = err.read() if err.fp is not None else b""
            if err.code in accept_status:
                return Answer(err.code, err.headers, body)
            hint = "" if err.code != 401 or self._user else " (give --user and --password)"
            raise RemoteError(f"{what}: {url} answered {err.code} {err.reason}{hint}: {excerpt(body)}") from None
        except URLError as err:
            raise RemoteError(f"{what}: cannot reach {url}: {err.reason}") from None
        except ValueError as err:  # a challenge of a scheme urllib does not speak (Bearer, Negotiate, ...)
            raise RemoteError(f"{what}: {url}: {err}; kg speaks HTTP Basic and Digest") from None
        except (OSError, http.client.HTTPException) as err:
            raise RemoteError(f"{what}: {url}: {type(err).__name__}: {err}") from None


def excerpt(body: bytes) -> str:
    """The start of an error body on one line (markup left out)."""
    text = re.sub(r"<[^>]*>", " ", body.decode("utf-8", "replace"))
    text = " ".join(text.split())
    return (text[:EXCERPT] + "...") if len(text) > EXCERPT else (text or "(no body)")
