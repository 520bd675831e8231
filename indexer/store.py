"""The index file: versioned, checksummed, written atomically, updated under a lock.

Layout: a 64-byte header, then a `marshal` payload of plain lists, dicts, strings, numbers and
bytes. marshal is the fastest loader Python has and, unlike pickle, cannot run code when it
reads a damaged or foreign file; the header makes it safe to depend on:

    magic "FAQBOTIX" | u32 format | u16 python major | u16 python minor | u64 payload length |
    32-byte SHA-256 of the payload | 8 bytes reserved

A file that is truncated, altered, of another format or of another Python is refused with
`IndexUnusable` (the caller rebuilds from the docs). Writes go to a temporary file in the same
folder, are fsynced, then renamed over the old file: a reader sees the old index or the new one,
never half of one, even when the writer is killed.

The index is kept as two such files: the base (`kb.idx`, every page) and a journal beside it
(`kb.idx.journal`, the pages changed since the base, bound to the base by its checksum). An edit
rewrites only the small journal; once the journal grows, the next update writes a new base. A
journal whose base is gone (a writer killed between the two) no longer matches and is ignored.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import marshal
import mmap
import os
import struct
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

from indexer.memory import collector_paused

MAGIC = b"FAQBOTIX"
FORMAT_VERSION = 1
_HEADER = struct.Struct("<8sIHHQ32s8x")


class IndexUnusable(Exception):
    """The index file exists but cannot be used (corrupt, truncated, other version)."""


def save(path: Path, data: dict[str, Any]) -> bytes:
    """Write `data` to `path` atomically; returns its checksum (what a journal binds to)."""
    payload = marshal.dumps(data)
    digest = hashlib.sha256(payload).digest()
    header = _HEADER.pack(MAGIC, FORMAT_VERSION, *sys.version_info[:2], len(payload), digest)

    def write(fh: BinaryIO) -> None:
        fh.write(header)
        fh.write(payload)

    _write_atomically(path, write)
    return digest


def _write_atomically(path: Path, write: Callable[[BinaryIO], None]) -> None:
    """`write` into a temporary file in the same folder, fsync it, rename it over `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def load(path: Path) -> tuple[dict[str, Any], bytes]:
    """Read the file at `path`: its data and checksum. FileNotFoundError when absent,
    IndexUnusable when damaged."""
    with open(path, "rb") as fh:
        raw = fh.read()
    if len(raw) < _HEADER.size:
        raise IndexUnusable("truncated (no complete header)")
    magic, version, major, minor, length, digest = _HEADER.unpack_from(raw)
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
ALIGN = 64


def save_arrays(path: Path, arrays: dict[str, np.ndarray], meta: dict[str, Any]) -> None:
    """Write numpy arrays and a small marshal `meta` to `path` atomically, for `map_arrays`:

        magic "FAQBOTSX" | u32 format | u16 python major | u16 python minor | u64 directory length |
        32-byte SHA-256 of the directory | 8 bytes reserved | directory | arrays, each 64-byte aligned

    The directory (marshal: `meta`, each array's dtype, shape and offset, the file's length) is
    checksummed; the arrays are not (that would read them all): a truncated file is refused by its
    length, and the file is only ever replaced whole."""
    layout: dict[str, tuple[str, tuple[int, ...], int]] = {}
    offset = 0
    for name, array in arrays.items():
        layout[name] = (array.dtype.str, array.shape, offset)
        offset += -(-array.nbytes // ALIGN) * ALIGN
    directory = marshal.dumps({"meta": meta, "arrays": layout, "data_length": offset})
    start = -(-(_HEADER.size + len(directory)) // ALIGN) * ALIGN
    header = _HEADER.pack(ARRAYS_MAGIC, FORMAT_VERSION, *sys.version_info[:2], len(directory),
                          hashlib.sha256(directory).digest())

    def write(fh: BinaryIO) -> None:
        fh.write(header + directory)
        fh.write(b"\0" * (start - _HEADER.size - len(directory)))
        for array in arrays.values():
            data = np.ascontiguousarray(array).tobytes()
            fh.write(data)
            fh.write(b"\0" * (-(-len(data) // ALIGN) * ALIGN - len(data)))

    _write_atomically(path, write)


def map_arrays(path: Path) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """The arrays of a `save_arrays` file, mapped read-only (the kernel pages them in as they are
    used, and shares them between processes), and its meta. IndexUnusable when damaged."""
    with open(path, "rb") as fh:
        try:
            mapped = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        except ValueError as exc:  # an empty file
            raise IndexUnusable("truncated (no complete header)") from exc
    if len(mapped) < _HEADER.size:
        raise IndexUnusable("truncated (no complete header)")
    magic, version, major, minor, length, digest = _HEADER.unpack_from(mapped)
    if magic != ARRAYS_MAGIC:
        raise IndexUnusable("not a faqbot search file")
    if version != FORMAT_VERSION or (major, minor) != sys.version_info[:2]:
        raise IndexUnusable(f"format {version} of Python {major}.{minor}")
    directory = mapped[_HEADER.size:_HEADER.size + length]
    contents = _checked(directory, digest, "directory")
    start = -(-(_HEADER.size + length) // ALIGN) * ALIGN
    if len(mapped) != start + contents["data_length"]:
        raise IndexUnusable(f"truncated ({len(mapped)} of {start + contents['data_length']} bytes)")
    arrays = {}
    for name, (dtype, shape, offset) in contents["arrays"].items():
        count = int(np.prod(shape)) if shape else 1
        arrays[name] = (np.frombuffer(mapped, dtype=np.dtype(dtype), count=count, offset=start + offset).reshape(shape)
                        if count else np.zeros(shape, dtype=np.dtype(dtype)))
    return arrays, contents["meta"]


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
