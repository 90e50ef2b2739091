"""Name normalisation and spelling variants, shared by recognition and cross-document merging."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

ARTICLE = re.compile(r"\b(al|an|ad|ash|as|ar|at|az|el|ul)[-\s](?=\w)", re.IGNORECASE)
SUN = re.compile(r"\b([Aa])[ln][-\s]((?:Sh|Th|Dh|sh|th|dh|[TDRZSNLtdrzsnl]))")  # al-/el- before a sun letter
HYPHENS = ("-", "–")  # what joins a name to a participle or a prefix ("U.S.-led", "anti-Assad")
QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "`": "'"})


@lru_cache(maxsize=1 << 16)  # asked again for every mention of a name
def normalise(name: str) -> str:
    """The comparison form of a name: lower case, straight quotes, no possessive,
    Arabic article written `al `, punctuation as spaces, no leading "the"."""
    text = unicodedata.normalize("NFKC", name).translate(QUOTES).lower()
    text = re.sub(r"'s\b", "", text)
    text = ARTICLE.sub("al ", text)
    text = re.sub(r"[^\w\s]", " ", text)
    words = text.split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def slug(name: str) -> str:
    """An IRI-safe key for a name: its normal form with underscores, ASCII only."""
    ascii_form = unicodedata.normalize("NFKD", normalise(name)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_form).strip("_") or "x"


def variants(name: str) -> set[str]:
    """Surface forms of a name a text may use: article as `al-`/`al `/`el-` or sun-letter
    assimilated as written, curly or straight apostrophes, hyphen or space in compounds."""
    forms = {name.strip()}
    if ARTICLE.search(name):
        for article in ("al-", "al ", "el-", "Al-", "Al ", "El-"):
            forms.add(ARTICLE.sub(lambda m: article if m.group(1).islower() else article.capitalize(), name))
            forms.add(ARTICLE.sub(article, name))
        # the article assimilates to a following "sun letter": al-Nusra -> an-Nusra, al-Sham -> ash-Sham
        forms.add(SUN.sub(lambda m: f"{m.group(1)[0]}{m.group(2).lower()}-{m.group(2)}", name))
    more = set()
    for form in forms:
        if "'" in form or "\u2019" in form:
            more.add(form.replace("'", "\u2019"))
            more.add(form.replace("\u2019", "'"))
    forms |= more
    return {f for f in forms if f}


def is_acronym(name: str) -> bool:
    """Short all-capital names ("US", "IS", "UN") match case-sensitively, so "us" and "is" stay words."""
    letters = re.sub(r"[^A-Za-z]", "", name)
    return bool(letters) and letters.isupper() and len(letters) <= 6
