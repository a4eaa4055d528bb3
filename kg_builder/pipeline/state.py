"""The corpus state a build keeps beside its store, for the next change: an SQLite database
(``corpus.sqlite``) that says which articles the graph holds, the names and claims merging reads,
the key each claim was given, and what each article contributes to the corpus-wide graphs.

Everything in it is indexed by what a change looks things up by (an article, a last name, an actor,
a subject), so a change reads only the rows it can touch, never the whole corpus.
"""

from __future__ import annotations

import json
import pickle
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kg_builder.errors import StoreError

FILE = "corpus.sqlite"
FORMAT = 8  # bumped whenever extraction, merging or the schema change what is kept
AGREEMENT, EVENT = "agreement", "event"

SCHEMA = """
CREATE TABLE meta(name TEXT PRIMARY KEY, value TEXT);
CREATE TABLE article(id TEXT PRIMARY KEY, sha256 TEXT NOT NULL, source TEXT NOT NULL, fingerprint TEXT NOT NULL);
CREATE TABLE full_name(article TEXT, key TEXT, label TEXT, last TEXT);
CREATE INDEX full_name_last ON full_name(last);
CREATE INDEX full_name_article ON full_name(article);
CREATE TABLE partial_name(article TEXT, last TEXT);
CREATE INDEX partial_name_last ON partial_name(last);
CREATE INDEX partial_name_article ON partial_name(article);
CREATE TABLE label(key TEXT, article TEXT, label TEXT);
CREATE INDEX label_key ON label(key);
CREATE INDEX label_article ON label(article);
CREATE TABLE claim(type TEXT, article TEXT, idx INTEGER, record BLOB, key TEXT, label TEXT,
                   PRIMARY KEY(type, article, idx));
CREATE INDEX claim_key ON claim(type, key);
CREATE TABLE claim_actor(type TEXT, actor TEXT, article TEXT, idx INTEGER);
CREATE INDEX claim_actor_actor ON claim_actor(type, actor);
CREATE INDEX claim_actor_article ON claim_actor(article);
CREATE TABLE contribution(part TEXT, subject TEXT, article TEXT, payload TEXT);
CREATE INDEX contribution_subject ON contribution(part, subject, article);
CREATE INDEX contribution_article ON contribution(article);
"""


@dataclass(frozen=True)
class Entry:
    """One article of the graph: its content hash, its file, and a hash of what merging made of it."""

    sha256: str
    source: str
    fingerprint: str


class CorpusState:
    """Read and write access to one build's ``corpus.sqlite``."""

    def __init__(self, db: sqlite3.Connection, path: Path) -> None:
        self.db = db
        self.path = path

    @classmethod
    def create(cls, build_dir: Path) -> CorpusState:
        path = build_dir / FILE
        path.unlink(missing_ok=True)
        db = _connect(path)
        db.executescript(SCHEMA)
        state = cls(db, path)
        state.set_meta("format", str(FORMAT))
        return state

    @classmethod
    def open(cls, build_dir: Path) -> CorpusState:
        path = build_dir / FILE
        if not path.exists():
            raise StoreError(f"{path}: no corpus state; run a full build first")
        try:
            state = cls(_connect(path), path)
            found = state.meta("format")
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{path}: corpus state unreadable ({error}); run a full build") from error
        if found != str(FORMAT):
            state.close()
            raise StoreError(f"{path}: made by another version of kg-builder; run a full build")
        return state

    def meta(self, name: str) -> str | None:
        found = self.db.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
        return found[0] if found else None

    def set_meta(self, name: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (name, value))

    def commit(self) -> None:
        self.db.commit()

    def close(self) -> None:
        self.db.close()

    # articles
    def articles(self) -> dict[str, Entry]:
        return {row[0]: Entry(*row[1:]) for row in self.db.execute("SELECT * FROM article ORDER BY id")}

    def count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM article").fetchone()[0]

    def entries(self, ids: Iterable[str]) -> dict[str, Entry]:
        return {row[0]: Entry(*row[1:]) for row in self._in("SELECT * FROM article WHERE id IN ({})", ids)}

    def put_entry(self, article: str, entry: Entry) -> None:
        self.db.execute("INSERT OR REPLACE INTO article VALUES (?, ?, ?, ?)",
                        (article, entry.sha256, entry.source, entry.fingerprint))

    def forget(self, article: str) -> None:
        """Remove every row of an article."""
        for table in ("article",):
            self.db.execute(f"DELETE FROM {table} WHERE id = ?", (article,))
        for table in ("full_name", "partial_name", "label", "claim", "claim_actor", "contribution"):
            self.db.execute(f"DELETE FROM {table} WHERE article = ?", (article,))

    # names
    def names_lasts(self, article: str) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT last FROM full_name WHERE article = ?", (article,))}

    def put_names(self, article: str, full: dict[str, str], partial: Iterable[str], last) -> None:
        self.db.execute("DELETE FROM full_name WHERE article = ?", (article,))
        self.db.execute("DELETE FROM partial_name WHERE article = ?", (article,))
        self.db.executemany("INSERT INTO full_name VALUES (?, ?, ?, ?)",
                            [(article, k, v, last(v)) for k, v in sorted(full.items())])
        self.db.executemany("INSERT INTO partial_name VALUES (?, ?)", [(article, last(p)) for p in sorted(partial)])

    def naming(self, lasts: Iterable[str]) -> set[str]:
        """The articles that name someone in part with one of these last names."""
        return {r[0] for r in self._in("SELECT DISTINCT article FROM partial_name WHERE last IN ({})", lasts)}

    def names(self, last: str) -> list[tuple[str, str]]:
        """The corpus's full names (key, label) with this last word."""
        return self.db.execute("SELECT DISTINCT key, label FROM full_name WHERE last = ?", (last,)).fetchall()

    # labels
    def put_labels(self, article: str, labels: dict[str, str]) -> None:
        self.db.execute("DELETE FROM label WHERE article = ?", (article,))
        self.db.executemany("INSERT INTO label VALUES (?, ?, ?)", [(k, article, v) for k, v in sorted(labels.items())])

    def labels_of(self, article: str) -> dict[str, str]:
        return dict(self.db.execute("SELECT key, label FROM label WHERE article = ?", (article,)).fetchall())

    def labels(self, keys: Iterable[str]) -> dict[str, str]:
        """The label of each key: the first in sort order of those the articles give it."""
        return dict(self._in("SELECT key, MIN(label) FROM label WHERE key IN ({}) GROUP BY key", keys))

    # claims
    def records(self, kind: str, article: str) -> list:
        rows = self.db.execute("SELECT record FROM claim WHERE type = ? AND article = ? ORDER BY idx", (kind, article))
        return [pickle.loads(r[0]) for r in rows]

    def put_records(self, kind: str, article: str, records: list) -> None:
        self.db.execute("DELETE FROM claim WHERE type = ? AND article = ?", (kind, article))
        self.db.execute("DELETE FROM claim_actor WHERE type = ? AND article = ?", (kind, article))
        self.db.executemany("INSERT INTO claim VALUES (?, ?, ?, ?, '', '')",
                            [(kind, article, r.ref[1], pickle.dumps(r, pickle.HIGHEST_PROTOCOL)) for r in records])
        self.db.executemany("INSERT INTO claim_actor VALUES (?, ?, ?, ?)",
                            [(kind, a, article, r.ref[1]) for r in records for a in sorted(r.actors)])

    def records_with(self, kind: str, actors: Iterable[str]) -> list:
        """Every claim of this type one of whose actors is among ``actors``."""
        actors = sorted(set(actors))
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS wanted(actor TEXT PRIMARY KEY)")
        self.db.execute("DELETE FROM wanted")
        self.db.executemany("INSERT INTO wanted VALUES (?)", [(a,) for a in actors])
        rows = self.db.execute(
            "SELECT record FROM claim WHERE type = ? AND (article, idx) IN "
            "(SELECT article, idx FROM claim_actor JOIN wanted USING (actor) WHERE type = ?)", (kind, kind))
        return [pickle.loads(r[0]) for r in rows]

    def assignments(self, kind: str, article: str) -> dict[tuple[str, int], tuple[str, str]]:
        return {(article, idx): (key, label) for idx, key, label in self.db.execute(
            "SELECT idx, key, label FROM claim WHERE type = ? AND article = ?", (kind, article))}

    def assigned(self, kind: str, refs: Iterable[tuple[str, int]]) -> dict[tuple[str, int], tuple[str, str]]:
        wanted = set(refs)
        rows = self._in(f"SELECT article, idx, key, label FROM claim WHERE type = '{kind}' AND article IN ({{}})",
                        {article for article, _ in wanted})
        return {(a, i): (k, lab) for a, i, k, lab in rows if (a, i) in wanted}

    def keyed(self, kind: str, keys: Iterable[str]) -> dict[tuple[str, int], tuple[str, str]]:
        """The claims of this type assigned to one of ``keys``, with their key and label."""
        rows = self._in(f"SELECT article, idx, key, label FROM claim WHERE type = '{kind}' AND key IN ({{}})", keys)
        return {(a, i): (k, lab) for a, i, k, lab in rows}

    def assign(self, kind: str, named: dict[tuple[str, int], tuple[str, str]]) -> None:
        self.db.executemany("UPDATE claim SET key = ?, label = ? WHERE type = ? AND article = ? AND idx = ?",
                            [(k, lab, kind, a, i) for (a, i), (k, lab) in sorted(named.items())])

    # contributions
    def contributions(self, article: str) -> dict[tuple[str, str], str]:
        return {(p, s): v for p, s, v in self.db.execute(
            "SELECT part, subject, payload FROM contribution WHERE article = ?", (article,))}

    def put_contributions(self, article: str, made: dict[tuple[str, str], str]) -> None:
        self.db.execute("DELETE FROM contribution WHERE article = ?", (article,))
        self.db.executemany("INSERT INTO contribution VALUES (?, ?, ?, ?)",
                            [(p, s, article, v) for (p, s), v in sorted(made.items())])

    def payloads(self, part: str, subject: str) -> dict[str, int]:
        """Each distinct contribution to a subject, with the number of articles that make it."""
        return dict(self.db.execute("SELECT payload, COUNT(*) FROM contribution WHERE part = ? AND subject = ? "
                                    "GROUP BY payload ORDER BY payload", (part, subject)))

    def having(self, part: str, subjects: Iterable[str]) -> set[str]:
        """The subjects among ``subjects`` some article contributes to."""
        return {r[0] for r in self._in(f"SELECT DISTINCT subject FROM contribution WHERE part = '{part}' "
                                       "AND subject IN ({})", subjects)}

    def _in(self, sql: str, values: Iterable[str]) -> list[tuple]:
        values = sorted(set(values))
        out: list[tuple] = []
        for start in range(0, len(values), 500):
            chunk = values[start:start + 500]
            out += self.db.execute(sql.format(", ".join("?" * len(chunk))), chunk).fetchall()
        return out


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(str(path), isolation_level="DEFERRED")
    db.execute("PRAGMA synchronous = OFF")  # a staged build is published, or thrown away, as a whole
    db.execute("PRAGMA journal_mode = MEMORY")
    return db


def manifest_json(entries: dict[str, Entry]) -> bytes:
    """The articles of a build, for people and tools that read files (``manifest.json``)."""
    return json.dumps({"format": FORMAT, "articles": {k: vars(v) for k, v in sorted(entries.items())}},
                      indent=1).encode("utf-8")
