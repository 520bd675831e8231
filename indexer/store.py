"""The index files: versioned, checksummed, written atomically, updated under a lock.

Two layouts share one 64-byte header (magic, format, the Python that wrote it, a length and a
SHA-256). Small files (the journal, the manifest) are a `marshal` payload of plain lists, dicts,
strings, numbers and bytes, checksummed whole: marshal is the fastest loader Python has and,
unlike pickle, cannot run code when it reads a damaged or foreign file. Large files are read in
place: the base (every page's record, one blob each, read with `pread` when needed) and the
search file (numpy arrays, mapped); their data comes first and a checksummed directory last.

A file that is truncated, altered, of another format or of another Python is refused with
`IndexUnusable` (the caller rebuilds from the docs). Writes go to a temporary file in the same
folder, are fsynced, then renamed over the old file: a reader sees the old index or the new one,
never half of one, even when the writer is killed.

The index is kept as two files: the base (`kb.idx`, every page) and a journal beside it
(`kb.idx.journal`, the pages changed since the base, bound to the base by its checksum). An edit
rewrites only the small journal, and reads of the base only the records it needs; once the
journal grows, the next update writes a new base. A journal whose base is gone (a writer killed
between the two) no longer matches and is ignored.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import marshal
import mmap
import os
import re
import struct
import sys
import tempfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from indexer.memory import collector_paused

if TYPE_CHECKING:
    import numpy as np  # imported where arrays are made: a no-change `faqbot index` never needs it

MAGIC = b"FAQBOTIX"
FORMAT_VERSION = 1
_HEADER = struct.Struct("<8sIHHQ32s8x")


class IndexUnusable(Exception):
    """The index file exists but cannot be used (corrupt, truncated, other version)."""


def save(path: Path, data: dict[str, Any], durable: bool = True) -> bytes:
    """Write `data` to `path` atomically; returns its checksum (what a journal binds to).
    `durable` false for a file that only saves work (the manifest): not synced to disk, so a
    power cut may leave it stale or damaged, which its stamp and checksum tell (then unused)."""
    payload = marshal.dumps(data)
    digest = hashlib.sha256(payload).digest()
    header = _HEADER.pack(MAGIC, FORMAT_VERSION, *sys.version_info[:2], len(payload), digest)

    def write(fh: BinaryIO) -> None:
        fh.write(header)
        fh.write(payload)

    _write_atomically(path, write, durable)
    return digest


def _write_atomically(path: Path, write: Callable[[BinaryIO], None], durable: bool = True) -> None:
    """`write` into a temporary file in the same folder, fsync it (when `durable`), rename it
    over `path`. Every write of an index's files happens under its update lock, so a temporary
    file of `path` found here is a dead writer's (killed, out of memory): removed first, or a
    restart loop would fill the disk with them."""
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if durable:
        _fsync_dir(path.parent)


def _remove_leftovers(path: Path) -> None:
    """The temporary files a write of `path` left (`.kb.idx.<8 random characters>.tmp`)."""
    leftover = re.compile(rf"\.{re.escape(path.name)}\.[a-z0-9_]{{8}}\.tmp")
    with contextlib.suppress(OSError), os.scandir(path.parent) as entries:
        for entry in entries:
            if leftover.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def load(path: Path) -> tuple[dict[str, Any], bytes]:
    """Read the file at `path`: its data and checksum (of a base, its meta and `blobs`, the
    records read when needed: `open_base`). FileNotFoundError when absent, IndexUnusable when
    damaged."""
    with open(path, "rb") as fh:
        raw = fh.read(_HEADER.size)
        if len(raw) < _HEADER.size:
            raise IndexUnusable("truncated (no complete header)")
        magic, version, major, minor, length, digest = _HEADER.unpack(raw)
        if magic == BASE_MAGIC and version == DATA_FORMAT:  # a base: its meta, its records read when needed
            meta, blobs, digest = open_base(path)
            return {**meta, "blobs": blobs}, digest
        raw += fh.read()
    if magic != MAGIC:
        raise IndexUnusable("not a faqbot index")
    if version != FORMAT_VERSION:
        raise IndexUnusable(f"format {version}, this faqbot reads format {FORMAT_VERSION}")
    if (major, minor) != sys.version_info[:2]:
        raise IndexUnusable(f"written by Python {major}.{minor}")
    payload = memoryview(raw)[_HEADER.size:]
    if len(payload) != length:
        raise IndexUnusable(f"truncated ({len(payload)} of {length} payload bytes)")
    data = _checked(payload, digest, "payload")
    if not isinstance(data, dict):
        raise IndexUnusable("unexpected payload")
    return data, digest


ARRAYS_MAGIC = b"FAQBOTSX"
BASE_MAGIC = MAGIC  # the base is an index file of format 2 (an older faqbot says "format 2", not "not an index")
DATA_FORMAT = 2  # 2: the directory after the data (a file is written in one pass)
ALIGN = 64
_DIRECTORY_AT = struct.Struct("<Q")  # the header's last 8 bytes: where the directory starts


def _write_with_directory(path: Path, magic: bytes, write_data: Callable[[BinaryIO], dict[str, Any]]) -> bytes:
    """The layout of the files read in place (search file, base): a header, the data that
    `write_data` writes (it returns the directory that describes it), then the directory:

        magic | u32 format | u16 python major | u16 python minor | u64 directory length |
        32-byte SHA-256 of the directory | u64 directory offset | data | directory (marshal)

    The directory is checksummed and sits at the end, as a zip's or a Lucene segment's does: a file
    cut short or altered at its end is refused when opened, and the data is written in one pass.
    Returns the directory's checksum (what names the file's content)."""
    digest = b""

    def write(fh: BinaryIO) -> None:
        nonlocal digest
        fh.write(b"\0" * _HEADER.size)
        directory = marshal.dumps(write_data(fh))
        offset = fh.tell()
        fh.write(directory)
        digest = hashlib.sha256(directory).digest()
        fh.seek(0)
        fh.write(_HEADER.pack(magic, DATA_FORMAT, *sys.version_info[:2], len(directory), digest)[:-8]
                 + _DIRECTORY_AT.pack(offset))

    _write_atomically(path, write)
    return digest


def _read_directory(fh: BinaryIO, magic: bytes, what: str) -> tuple[Any, bytes]:
    """The checksummed directory of a `_write_with_directory` file and its checksum."""
    head = fh.read(_HEADER.size)
    if len(head) < _HEADER.size:
        raise IndexUnusable("truncated (no complete header)")
    found, version, major, minor, length, digest = _HEADER.unpack(head)
    if found != magic:
        raise IndexUnusable(f"not a faqbot {what}")
    if version != DATA_FORMAT or (major, minor) != sys.version_info[:2]:
        raise IndexUnusable(f"format {version} of Python {major}.{minor}, this faqbot reads format {DATA_FORMAT}")
    (offset,) = _DIRECTORY_AT.unpack(head[-8:])
    size = os.fstat(fh.fileno()).st_size
    if offset < _HEADER.size or offset + length != size:
        raise IndexUnusable(f"truncated ({size} of {offset + length} bytes)")
    fh.seek(offset)
    return _checked(fh.read(length), digest, "directory"), digest


def save_arrays(path: Path, arrays: dict[str, np.ndarray], meta: dict[str, Any]) -> None:
    """Write numpy arrays and a small marshal `meta` to `path` atomically, for `map_arrays`: each
    array 64-byte aligned in the data, the directory holds `meta` and each array's dtype, shape
    and offset. The arrays are not checksummed (that would read them all): a file is only ever
    replaced whole, and one cut short is refused by its length."""

    import numpy as np

    def write(fh: BinaryIO) -> dict[str, Any]:
        layout: dict[str, tuple[str, tuple[int, ...], int]] = {}
        for name, array in arrays.items():
            fh.write(b"\0" * (-fh.tell() % ALIGN))
            layout[name] = (array.dtype.str, array.shape, fh.tell())
            _write_array(fh, np.ascontiguousarray(array))
        return {"meta": meta, "arrays": layout}

    _write_with_directory(path, ARRAYS_MAGIC, write)


_CHUNK = 16 << 20


def _write_array(fh: BinaryIO, array: np.ndarray) -> None:
    """Write an array's bytes; one over a file's map (a compile's spooled blobs) a chunk at a time,
    each chunk's pages let go once written, so that copying it never holds it all in memory."""
    import numpy as np

    if array.nbytes == 0:  # an empty knowledge base's arrays: nothing to write (a memoryview of none cannot be cast)
        return
    mapped = array.base
    while mapped is not None and not isinstance(mapped, mmap.mmap):  # an array's base, a buffer's object
        mapped = mapped.obj if isinstance(mapped, memoryview) else getattr(mapped, "base", None)
    data = array.data.cast("B")
    if mapped is None or data.nbytes <= _CHUNK:
        fh.write(data)
        return
    origin = np.frombuffer(mapped, dtype=np.uint8, count=1).__array_interface__["data"][0]
    start = array.__array_interface__["data"][0] - origin  # where the array begins in the map
    for offset in range(0, data.nbytes, _CHUNK):
        fh.write(data[offset:offset + _CHUNK])
        first = (start + offset) // mmap.PAGESIZE * mmap.PAGESIZE
        end = min(start + offset + _CHUNK, len(mapped))
        mapped.madvise(mmap.MADV_DONTNEED, first, end - first)


def map_arrays(path: Path) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """The arrays of a `save_arrays` file, mapped read-only (the kernel pages them in as they are
    used, and shares them between processes), and its meta. IndexUnusable when damaged."""
    import numpy as np

    with open(path, "rb") as fh:
        contents, _ = _read_directory(fh, ARRAYS_MAGIC, "search file")
        mapped = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    arrays = {}
    for name, (dtype, shape, offset) in contents["arrays"].items():
        count = int(np.prod(shape)) if shape else 1
        arrays[name] = (np.frombuffer(mapped, dtype=np.dtype(dtype), count=count, offset=offset).reshape(shape)
                        if count else np.zeros(shape, dtype=np.dtype(dtype)))
    return arrays, contents["meta"]


def save_base(path: Path, meta: dict[str, Any], blobs: Iterable[bytes]) -> bytes:
    """Write the base: `meta` and the blobs one after another (a page record each, read one at a
    time by `BaseBlobs`), their offsets and CRC-32s in the checksummed directory. Returns the
    directory's checksum, which a journal binds to (`meta` should hold something unique)."""
    import numpy as np


    def write(fh: BinaryIO) -> dict[str, Any]:
        offsets, crcs = [fh.tell()], []
        for blob in blobs:
            fh.write(blob)
            offsets.append(fh.tell())
            crcs.append(zlib.crc32(blob))
        return {"meta": meta, "offsets": np.array(offsets, dtype=np.int64).tobytes(),
                "crc": np.array(crcs, dtype=np.uint32).tobytes()}

    return _write_with_directory(path, BASE_MAGIC, write)


class BaseBlobs:
    """The blobs of a base file, read one at a time with `pread` from the file as it was opened
    (a base written since replaces the file, not this one) and checked against their CRC-32: a
    damaged blob is IndexUnusable when it is read."""

    def __init__(self, fh: BinaryIO, offsets: np.ndarray, crcs: np.ndarray) -> None:
        self._fh, self._offsets, self._crcs = fh, offsets, crcs

    def raw(self, i: int) -> bytes:
        start, end = int(self._offsets[i]), int(self._offsets[i + 1])
        blob = os.pread(self._fh.fileno(), end - start, start)
        if len(blob) != end - start or zlib.crc32(blob) != int(self._crcs[i]):
            raise IndexUnusable(f"damaged record {i}")
        return blob

    def __getitem__(self, i: int) -> Any:
        try:
            with collector_paused():
                return marshal.loads(self.raw(i))
        except (ValueError, EOFError, TypeError) as exc:
            raise IndexUnusable(f"unreadable record {i} ({exc})") from exc


def open_base(path: Path) -> tuple[dict[str, Any], BaseBlobs, bytes]:
    """The base at `path`: its meta, its blobs (read when asked for) and its checksum.
    FileNotFoundError when absent, IndexUnusable when its header or directory is damaged."""
    import numpy as np

    fh = open(path, "rb")  # noqa: SIM115 (held by the blobs: records are read from it later)
    try:
        contents, digest = _read_directory(fh, BASE_MAGIC, "index")
        offsets = np.frombuffer(contents["offsets"], dtype=np.int64)
        crcs = np.frombuffer(contents["crc"], dtype=np.uint32)
        if offsets.size != crcs.size + 1 or (crcs.size and int(offsets[-1]) > os.fstat(fh.fileno()).st_size):
            raise IndexUnusable("inconsistent directory")
    except BaseException:
        fh.close()
        raise
    return contents["meta"], BaseBlobs(fh, offsets, crcs), digest


def cache_folder() -> Path:
    """Where faqbot keeps what it can make again: `$XDG_CACHE_HOME/faqbot`, else ~/.cache/faqbot."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "faqbot"


def journal_path(path: Path) -> Path:
    return path.with_name(path.name + ".journal")


def manifest_path(path: Path) -> Path:
    return path.with_name(path.name + ".manifest")


def stamp(path: Path) -> list[list[int | bytes] | None]:
    """The base's and the journal's [size, mtime_ns, inode, header checksum] (None when absent):
    every write replaces a file (a new inode, a new time), and the checksum names its content, so
    a manifest or search file stamped with these describes exactly those files."""
    return [_file_stamp(path), _file_stamp(journal_path(path))]


def _file_stamp(path: Path) -> list[int | bytes] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ino, _header_checksum(path) or b""]


def identity(path: Path) -> tuple[bytes | None, bytes | None]:
    """The checksums in the headers of the base and the journal (None when absent): what tells
    whether the files changed since they were read, without reading them."""
    return _header_checksum(path), _header_checksum(journal_path(path))


def remove_journal(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(journal_path(path))


def _header_checksum(path: Path) -> bytes | None:
    try:
        with open(path, "rb") as fh:
            head = fh.read(_HEADER.size)
    except OSError:
        return None
    return _HEADER.unpack(head)[5] if len(head) == _HEADER.size else b""


def update_lock(path: Path) -> contextlib.AbstractContextManager[None]:
    """Hold an exclusive lock beside the index for one read-modify-write update, so that the
    bot's reloader and a manual `faqbot index` never interleave."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return exclusive_lock(path.with_name(path.name + ".lock"))


@contextlib.contextmanager
def exclusive_lock(lock_file: Path) -> Iterator[None]:
    """Hold an exclusive `flock` on `lock_file`. The kernel drops it when the holder dies, so a
    killed process never leaves a stale lock."""
    with open(lock_file, "a+b") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _checked(raw: bytes | memoryview, digest: bytes, what: str) -> Any:
    """The marshal data in `raw` once its SHA-256 is `digest` (read with the collector paused)."""
    if hashlib.sha256(raw).digest() != digest:
        raise IndexUnusable("checksum mismatch")
    try:
        with collector_paused():
            return marshal.loads(raw)
    except (ValueError, EOFError, TypeError) as exc:
        raise IndexUnusable(f"unreadable {what} ({exc})") from exc
