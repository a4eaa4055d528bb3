"""Reading articles: plain text, Markdown, HTML and JSON Lines, cleaned of noise,
with the metadata each one states.

A file that cannot be read becomes an :class:`ArticleError` naming the file and
what to do; the other files are still read.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("Deal signed\\n\\nJapan and the US signed a minerals deal on Tuesday.")
>>> result = read_articles([folder])
>>> [(a.id, a.title) for a in result.articles], result.errors
([('a', 'Deal signed')], [])
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from kg_builder.errors import ArticleError
from kg_builder.model import Article
from kg_builder.namespaces import slugify
from kg_builder.read.cleaning import clean_lines
from kg_builder.read.dates import parse_date
from kg_builder.read.line_wraps import unwrap
from kg_builder.read.metadata import read_header

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".jsonl")
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DROP_TAGS = ("script", "style", "nav", "footer", "aside", "header", "form", "noscript", "svg", "figure")
BLOCK_TAGS = ("h1", "h2", "h3", "h4", "p", "li", "blockquote", "pre")


@dataclass
class ReadResult:
    articles: list[Article] = field(default_factory=list)
    errors: list[ArticleError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Meta:
    """Metadata a container (HTML head, JSONL fields) states outside the text."""

    title: str | None = None
    published: str | None = None
    publisher: str | None = None
    url: str | None = None
    authors: tuple[str, ...] = ()


def expand_paths(paths: Iterable[Path]) -> Iterator[Path | ArticleError]:
    """Files named, and the article files inside folders named (recursively, sorted)."""
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            if not found:
                yield ArticleError(str(path), "folder holds no article files",
                                   f"expected files ending in {', '.join(SUFFIXES)}")
            yield from found
        elif not path.exists():
            yield ArticleError(str(path), "no such file or folder", "check the path")
        elif path.suffix.lower() not in SUFFIXES:
            yield ArticleError(str(path), f"unsupported file type {path.suffix or '(none)'!r}",
                               f"use one of {', '.join(SUFFIXES)}")
        else:
            yield path


def read_articles(paths: Iterable[Path], *, max_bytes: int = DEFAULT_MAX_BYTES) -> ReadResult:
    """Read every article under ``paths``; bad files become errors, not exceptions."""
    result = ReadResult()
    ids: set[str] = set()
    for item in expand_paths(paths):
        if isinstance(item, ArticleError):
            result.errors.append(item)
            continue
        for article in _read_file(item, max_bytes, result):
            if article.id in ids:
                article = replace(article, id=f"{article.id}-{article.sha256[:8]}")
            if article.id in ids:
                result.warnings.append(f"{article.source}: same text as an article already read; skipped")
                continue
            ids.add(article.id)
            result.articles.append(article)
    return result


def _read_file(path: Path, max_bytes: int, result: ReadResult) -> list[Article]:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ArticleError(str(path), f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.1f} MB limit "
                               "for one article", "split it, or raise --max-article-size")
        data = path.read_bytes()
        if path.suffix.lower() == ".jsonl":
            return list(_read_jsonl(path, data, result))
        text = _decode(path, data, result)
        suffix = path.suffix.lower()
        if suffix in (".html", ".htm"):
            body, meta = _html_text(text)
        elif suffix in (".md", ".markdown"):
            body, meta = _markdown_text(text)
        else:
            body, meta = text, _Meta()
        return [make_article(slugify_id(path.stem), str(path), body, data, meta)]
    except ArticleError as error:
        result.errors.append(error)
    except OSError as error:
        result.errors.append(ArticleError(str(path), f"cannot read file: {error.strerror or error}",
                                          "check permissions"))
    return []


def slugify_id(stem: str) -> str:
    """Article id from a file name: ``000_dfc98a1e8860d143`` stays as it is."""
    return slugify(stem)


def _decode(path: Path, data: bytes, result: ReadResult) -> str:
    return _without_controls(path, _decode_bytes(path, data, result), result)


def _decode_bytes(path: Path, data: bytes, result: ReadResult) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        result.warnings.append(f"{path}: UTF-16 without a byte-order mark; read as {utf16}")
        return data.decode(utf16)
    if b"\x00" in data[:8192]:
        raise ArticleError(str(path), "binary file, not text", "give a .txt, .md, .html or .jsonl article")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    western = _western(data)
    if western is not None:
        result.warnings.append(f"{path}: not UTF-8; read as cp1252 (Western European)")
        return western
    import charset_normalizer  # loaded only for a file that is neither UTF-8 nor Western European

    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise ArticleError(str(path), "cannot tell the text encoding", "save the file as UTF-8")
    result.warnings.append(f"{path}: not UTF-8; read as {best.encoding}")
    return str(best)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a byte-order mark: mostly ASCII, so every other byte is zero."""
    sample = data[:4096]
    if len(sample) < 8 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _western(data: bytes) -> str | None:
    """Bytes that read as Western European text in cp1252 ("São Paulo", "Müller"): the non-ASCII characters
    are letters and common signs, as they are in accented names, not box-drawing or C1 controls."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    others = [c for c in text if ord(c) > 127]
    plausible = [c for c in others if unicodedata.category(c)[0] == "L" or c in "€£°–—‘’“”•…«»§©®±·"]
    return text if others and len(plausible) >= 0.9 * len(others) else None


# Characters XML 1.0 cannot carry (C0 controls but tab, newline and carriage return; U+FFFE, U+FFFF).
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _without_controls(source: str | Path, text: str, result: ReadResult) -> str:
    found = XML_ILLEGAL.findall(text)
    if found:
        result.warnings.append(f"{source}: removed {len(found)} control character(s) that XML cannot carry")
        text = XML_ILLEGAL.sub("", text)
    return text


def _read_jsonl(path: Path, data: bytes, result: ReadResult) -> Iterator[Article]:
    text = _decode(path, data, result)
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{line_no}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            result.errors.append(ArticleError(where, f"malformed JSON at column {error.colno}: {error.msg}",
                                              "each line must be one JSON object"))
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            result.errors.append(ArticleError(where, "no 'text' string in this JSON line",
                                              'give {"text": "...", "title": ..., "url": ...}'))
            continue
        meta = _Meta(title=_str(record.get("title")), published=_first_date(record),
                     publisher=_str(record.get("publisher")), url=_str(record.get("url")))
        article_id = slugify_id(str(record["id"])) if record.get("id") else f"{slugify_id(path.stem)}-{line_no}"
        try:
            yield make_article(article_id, where, _without_controls(where, record["text"], result),
                               line.encode("utf-8"), meta)
        except ArticleError as error:
            result.errors.append(error)


def _str(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _html_text(html: str) -> tuple[str, _Meta]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")

    def meta(*names: str) -> str | None:
        for name in names:
            tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
            if tag and tag.get("content"):
                return str(tag["content"]).strip()
        return None

    canonical = soup.find("link", rel="canonical")
    time_tag = soup.find("time", datetime=True)
    h1 = soup.find("h1")
    info = _Meta(
        title=meta("og:title") or (h1.get_text(" ", strip=True) if h1 else None)
        or (soup.title.get_text(strip=True) if soup.title else None),
        published=meta("article:published_time", "date", "dc.date", "pubdate")
        or (str(time_tag["datetime"]) if time_tag else None),
        publisher=meta("og:site_name", "publisher"),
        url=(str(canonical["href"]) if canonical and canonical.get("href") else None) or meta("og:url"),
        authors=tuple(filter(None, [meta("author")])),
    )
    for tag in soup(DROP_TAGS):
        tag.decompose()
    root = soup.find("article") or soup.body or soup
    blocks = [" ".join(block.get_text().split()) for block in root.find_all(BLOCK_TAGS)]
    text = "\n".join(b for b in blocks if b) or root.get_text("\n", strip=True)
    return text, info


def _markdown_text(text: str) -> tuple[str, _Meta]:
    front: dict = {}
    if text.startswith("---\n") and "\n---" in text[4:]:
        import yaml

        head, text = text[4:].split("\n---", 1)
        try:
            loaded = yaml.safe_load(head)
            front = loaded if isinstance(loaded, dict) else {}
        except yaml.YAMLError:
            front = {}
    from markdown_it import MarkdownIt

    html = MarkdownIt().render(text)
    body, info = _html_text(f"<html><body>{html}</body></html>")
    return body, _Meta(title=_str(front.get("title")) or info.title, published=_first_date(front),
                       publisher=_str(front.get("publisher")), url=_str(front.get("url")))


DATE_FIELDS = ("published", "date", "datePublished", "published_at", "pubDate", "date_published")


def _first_date(record: dict) -> str | None:
    """The publication date of a JSON line or front matter: ``published``, else ``date`` and their usual
    variants (a YAML date is read as a date object)."""
    return next((_str(str(record[key])) for key in DATE_FIELDS if record.get(key)), None)


def normalise(text: str) -> str:
    """NFC, Unix line ends, plain spaces."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\u00a0", " ").replace("\u200b", "").replace("\t", " ")


def make_article(article_id: str, source: str, text: str, raw: bytes, meta: _Meta) -> Article:
    """Clean one article's text and read its metadata."""
    lines = unwrap(normalise(text).split("\n"))
    if not any(line.strip() for line in lines):
        raise ArticleError(source, "article is empty", "give it some text, or leave the file out")
    header = read_header(lines)
    title = meta.title or header.title
    body = header.body
    if meta.title and (not body or body[0] != meta.title):
        body = [meta.title, *body]
    cleaned = clean_lines(body, keep_first=2)
    if not cleaned.lines:
        raise ArticleError(source, "nothing is left of the article after removing noise",
                           "check that the file holds an article's text")
    published = (parse_date(meta.published) if meta.published else None) or header.published
    return Article(
        id=article_id,
        source=source,
        text="\n".join(cleaned.lines),
        sha256=hashlib.sha256(raw).hexdigest(),
        title=title,
        published=published,
        publisher=meta.publisher or header.publisher,
        url=meta.url,
        authors=meta.authors or header.authors,
        removed=tuple(header.removed + cleaned.removed),
    )
