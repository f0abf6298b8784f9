"""The place index in flat arrays: built once, then loaded in milliseconds.

A dict of 700,000 name keys takes most of a second to unpickle; the same data
as a few `array`s and byte blobs loads as fast as the disk reads it, costs no
per-key Python objects, and still answers a lookup with one CRC32 and a probe
or two. `PlaceTable` holds the places column by column; `HashIndex` maps keys
to posting lists of place numbers; `save`/`load` put both in one file.
"""

from __future__ import annotations

import json
import struct
import sys
import zlib
from array import array
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import ClassVar

from .files import atomic_path
from .place import KINDS
from .sources import PlaceRecord

MAGIC = b"GEOEVENTS-INDEX\n"
FORMAT_VERSION = 4


class StringTable:
    """Many strings as one UTF-8 blob and their offsets, decoded on demand."""

    def __init__(self, blob: bytes, offsets: array) -> None:
        self.blob = blob
        self.offsets = offsets

    @classmethod
    def build(cls, strings: Iterable[str]) -> StringTable:
        encoded = [s.encode("utf-8") for s in strings]
        offsets = array("I", [0])
        total = 0
        for b in encoded:
            total += len(b)
            offsets.append(total)
        return cls(b"".join(encoded), offsets)

    def raw(self, i: int) -> bytes:
        return self.blob[self.offsets[i] : self.offsets[i + 1]]

    def __getitem__(self, i: int) -> str:
        return self.raw(i).decode("utf-8")

    def __len__(self) -> int:
        return len(self.offsets) - 1


class HashIndex:
    """ASCII keys to posting lists (arrays of ints), by open addressing on CRC32."""

    def __init__(self, keys: StringTable, table: array, postings: array, starts: array) -> None:
        self.keys = keys
        self.table = table
        self.mask = len(table) - 1
        self.postings = postings
        self.starts = starts

    @classmethod
    def build(cls, postings: dict[str, list[int]]) -> HashIndex:
        keys = list(postings)
        size = 1 << max(4, (2 * len(keys)).bit_length())
        table = array("i", [-1]) * size
        mask = size - 1
        for n, key in enumerate(keys):
            slot = zlib.crc32(key.encode("ascii")) & mask
            while table[slot] != -1:
                slot = (slot + 1) & mask
            table[slot] = n
        flat = array("I")
        starts = array("I", [0])
        for key in keys:
            flat.extend(postings[key])
            starts.append(len(flat))
        return cls(StringTable.build(keys), table, flat, starts)

    def get(self, key: str) -> array:
        """The posting list of `key` (empty when the key is unknown)."""
        raw = key.encode("ascii", "ignore")
        table, mask = self.table, self.mask
        blob, offsets = self.keys.blob, self.keys.offsets
        slot = zlib.crc32(raw) & mask
        while (n := table[slot]) != -1:
            if blob[offsets[n] : offsets[n + 1]] == raw:
                return self.postings[self.starts[n] : self.starts[n + 1]]
            slot = (slot + 1) & mask
        return array("I")

    def __contains__(self, key: str) -> bool:
        return bool(self.get(key))

    def __len__(self) -> int:
        return len(self.keys)


class PlaceTable:
    """Every place's attributes; row `i` is place number `i`.

    What ranking and filtering read for many candidates (kind, prior,
    country, population) is kept in columns; what only the returned places
    need is packed into one fixed-width record a row, read with a single
    `struct` call.
    """

    COLUMNS: ClassVar[dict[str, str]] = {"kind": "B", "prior": "f", "country": "H", "population": "q"}
    #: lat, lon, population, geonameid, parent row, admin1 number, country number, kind number,
    #: and where the row's id and name lie in their string tables.
    RECORD = struct.Struct("<ddqqiHHB3xIIII")

    def __init__(
        self,
        columns: dict[str, array],
        records: bytes,
        ids: StringTable,
        names: StringTable,
        countries: list[str],
        admin1_codes: list[str],
        admin1_names: list[str],
    ) -> None:
        self.kind, self.prior = columns["kind"], columns["prior"]
        self.country, self.population = columns["country"], columns["population"]
        self.columns = columns
        self.records = records
        self.ids = ids
        self.names = names
        self.countries = countries
        self.admin1_codes = admin1_codes
        self.admin1_names = admin1_names

    @classmethod
    def build(
        cls, records: Sequence[PlaceRecord], priors: Sequence[float], region_names: Mapping[str, str] | None = None
    ) -> PlaceTable:
        """The table of `records`; `region_names` names admin-1 codes whose regions are not among them."""
        countries = [""] + sorted({r.country_code for r in records} - {""})
        admin1_codes = [""] + sorted({r.admin1_code for r in records} - {""})
        region_names = dict(region_names or {})
        region_names.update((r.admin1_code, r.name) for r in records if r.kind == "region" and r.admin1_code)
        country_no = {c: i for i, c in enumerate(countries)}
        admin1_no = {c: i for i, c in enumerate(admin1_codes)}
        row_of = {r.id: i for i, r in enumerate(records)}
        columns: dict[str, array] = {
            "kind": array("B", (KINDS.index(r.kind) for r in records)),
            "prior": array("f", priors),
            "country": array("H", (country_no[r.country_code] for r in records)),
            "population": array("q", (r.population for r in records)),
        }
        ids, names = StringTable.build(r.id for r in records), StringTable.build(r.name for r in records)
        packed = b"".join(
            cls.RECORD.pack(
                r.lat,
                r.lon,
                r.population,
                r.geonameid,
                row_of.get(r.parent, -1),
                admin1_no[r.admin1_code],
                columns["country"][n],
                columns["kind"][n],
                ids.offsets[n],
                ids.offsets[n + 1],
                names.offsets[n],
                names.offsets[n + 1],
            )
            for n, r in enumerate(records)
        )
        return cls(
            columns, packed, ids, names, countries, admin1_codes, [region_names.get(c, "") for c in admin1_codes]
        )

    def __len__(self) -> int:
        return len(self.kind)


class PlaceIndex:
    """The places, their name keys, their transliteration skeletons, and their ids.

    `articles` maps the rest of each name key that opens with an Arabic article to the articles (numbers in
    `normalize.ARTICLE_FORMS`) it follows: a name written without its article is then one probe.
    """

    def __init__(
        self,
        places: PlaceTable,
        names: HashIndex,
        skeletons: HashIndex,
        ids: HashIndex,
        articles: HashIndex,
        meta: dict,
    ) -> None:
        self.places = places
        self.names = names
        self.skeletons = skeletons
        self.ids = ids
        self.articles = articles
        self.meta = meta

    # -- persistence --------------------------------------------------------

    def _sections(self) -> dict[str, bytes | array]:
        sections: dict[str, bytes | array] = {}
        for prefix, table in (("place.ids", self.places.ids), ("place.names", self.places.names)):
            sections[f"{prefix}.blob"], sections[f"{prefix}.offsets"] = table.blob, table.offsets
        for column, values in self.places.columns.items():
            sections[f"place.{column}"] = values
        sections["place.records"] = self.places.records
        hashed = (("names", self.names), ("skeletons", self.skeletons), ("ids", self.ids), ("articles", self.articles))
        for prefix, index in hashed:
            sections[f"{prefix}.keys.blob"] = index.keys.blob
            sections[f"{prefix}.keys.offsets"] = index.keys.offsets
            sections[f"{prefix}.table"] = index.table
            sections[f"{prefix}.postings"] = index.postings
            sections[f"{prefix}.starts"] = index.starts
        return sections

    def save(self, path: Path) -> None:
        """Write the index atomically, so a crash never leaves half a file."""
        layout, chunks, offset = [], [], 0
        for name, data in self._sections().items():
            raw = data.tobytes() if isinstance(data, array) else data
            typecode = data.typecode if isinstance(data, array) else ""
            layout.append([name, typecode, offset, len(raw)])
            chunks.append(raw)
            offset += len(raw)
        meta = dict(
            self.meta,
            byteorder=sys.byteorder,
            format=FORMAT_VERSION,
            countries=self.places.countries,
            admin1_codes=self.places.admin1_codes,
            admin1_names=self.places.admin1_names,
        )
        header = json.dumps({"meta": meta, "sections": layout}).encode("utf-8")
        with atomic_path(path) as tmp, open(tmp, "wb") as f:
            f.write(MAGIC + len(header).to_bytes(8, "little") + header)
            for chunk in chunks:
                f.write(chunk)

    @classmethod
    def load(cls, path: Path) -> PlaceIndex:
        """Read an index written by `save`; ValueError if it is not one of ours."""
        data = path.read_bytes()
        if not data.startswith(MAGIC):
            raise ValueError(f"{path}: not a geoevents index")
        start = len(MAGIC) + 8
        size = int.from_bytes(data[len(MAGIC) : start], "little")
        head = json.loads(data[start : start + size])
        meta = head["meta"]
        if meta.get("format") != FORMAT_VERSION or meta.get("byteorder") != sys.byteorder:
            raise ValueError(f"{path}: index of another format")
        body = memoryview(data)[start + size :]
        arrays: dict[str, array] = {}  # the sections with a typecode
        blobs: dict[str, bytes] = {}  # and those of raw bytes
        for name, typecode, offset, length in head["sections"]:
            raw = body[offset : offset + length]
            if typecode:
                values = array(typecode)
                values.frombytes(raw)
                arrays[name] = values
            else:
                blobs[name] = bytes(raw)

        def strings(prefix: str) -> StringTable:
            return StringTable(blobs[f"{prefix}.blob"], arrays[f"{prefix}.offsets"])

        def hashed(prefix: str) -> HashIndex:
            return HashIndex(
                strings(f"{prefix}.keys"),
                arrays[f"{prefix}.table"],
                arrays[f"{prefix}.postings"],
                arrays[f"{prefix}.starts"],
            )

        columns = {c: arrays[f"place.{c}"] for c in PlaceTable.COLUMNS}
        places = PlaceTable(
            columns,
            blobs["place.records"],
            strings("place.ids"),
            strings("place.names"),
            meta["countries"],
            meta["admin1_codes"],
            meta["admin1_names"],
        )
        return cls(places, hashed("names"), hashed("skeletons"), hashed("ids"), hashed("articles"), meta)
