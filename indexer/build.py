"""Turning changed pages into index records: parse, section, pack. A handful of pages are done in
this process; a full build of thousands is spread over the machine's cores, each worker with its own
term vocabulary, merged here into the index's (so records are the same either way)."""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import repeat

import numpy as np

from indexer.config import DocsProject
from indexer.files import DocsFile, file_state, read_text
from indexer.page import Page, parse_page, text_digest
from indexer.records import PagePostings, PageRecord
from indexer.search.analyzer import analyzer_for
from indexer.search.postings import Vocabulary, pack_page, pack_pages
from indexer.warnings import Warnings

PARALLEL_FROM = 400  # pages; below this, starting worker processes costs more than it saves
# pages per worker task: each chunk numbers its terms afresh and is merged at once, so larger chunks
# cost less (at 10,000 pages, 512: 10% less CPU than 64); at least eight chunks per worker, so that
# the last ones leave no worker idle for long
CHUNK = 512
MIN_CHUNK = 16
_TERM_MASK = (1 << 22) - 1  # term ids and a chunk's sections that fit one 64-bit sort key (`_merge`)
_SECTION_MASK = (1 << 20) - 1


@dataclass
class Job:
    """One page to (re)index: its file, and its text and the text's digest when already read
    (a changed page is read to compare digests; a new one is read where it is parsed)."""

    file: DocsFile
    text: str | None = None
    digest: str | None = None




def build_records(jobs: list[Job], project: DocsProject, vocabulary: Vocabulary,
                  warnings: Warnings) -> Iterator[tuple[Job, PageRecord | None]]:
    """(job, record) for every job, in order, as they are done; term ids are the index's
    `vocabulary`; the record is None for a file that is not a page (a warning says why)."""
    workers = min(os.cpu_count() or 1, 8)
    if len(jobs) < PARALLEL_FROM or workers < 2:
        for job in jobs:
            yield job, _record_here(job, project, vocabulary, warnings)
        return
    size = max(MIN_CHUNK, min(CHUNK, len(jobs) // (8 * workers)))
    chunks = [jobs[i:i + size] for i in range(0, len(jobs), size)]
    done = 0
    try:
        with ProcessPoolExecutor(workers, mp_context=_context()) as pool:
            # merged here while the workers go on with the next chunks
            for chunk, (results, terms) in zip(chunks, pool.map(_records, chunks, repeat(project)), strict=True):
                mapping = _mapping(terms, vocabulary)  # one vocabulary merge per chunk
                yield from zip(chunk, _merge(results, mapping, warnings), strict=True)
                done += len(chunk)
    except (BrokenProcessPool, OSError, RuntimeError) as exc:  # no worker processes here: do it in this one
        warnings.add(project.docs_dir, f"indexing in one process (worker processes failed: {exc})")
        for job in jobs[done:]:
            yield job, _record_here(job, project, vocabulary, warnings)


def _context() -> multiprocessing.context.BaseContext:
    # fork is cheap and safe while this process has one thread; the bot updates from a thread
    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _records(jobs: list[Job], project: DocsProject) -> tuple[list[tuple[PageRecord | None, list[tuple[str, str]]]],
                                                                list[str]]:
    """In a worker: each page's record and the warnings met on the way, with term ids of one
    little vocabulary for the whole chunk (returned with them, for `_mapping`): its terms are
    numbered in the order they first appear, as the index's own vocabulary would number them.
    The chunk's pages are parsed, then packed together (`pack_pages`)."""
    local = Vocabulary()
    parsed = []
    for job in jobs:
        warnings = Warnings()
        parsed.append((_page_here(job, project, warnings), warnings.items))
    pages = [page for page, _ in parsed if page is not None]
    postings = iter(pack_pages(pages, analyzer_for(project.search_lang), local))
    results = [(None if page is None else page_record(page, job.file, project, next(postings)), found)
               for job, (page, found) in zip(jobs, parsed, strict=True)]
    return results, local.terms


def _page_here(job: Job, project: DocsProject, warnings: Warnings) -> Page | None:
    """Read (when not read yet) and parse a page; None when it is not a page."""
    text = job.text if job.text is not None else read_text(job.file.abs_path, warnings)
    if text is None:
        return None
    return parse_page(job.file, text, project, warnings, job.digest or text_digest(text))


def _record_here(job: Job, project: DocsProject, vocabulary: Vocabulary, warnings: Warnings) -> PageRecord | None:
    """Read (when not read yet) and parse a page, and make its record; None when it is not a page."""
    page = _page_here(job, project, warnings)
    if page is None:
        return None
    return page_record(page, job.file, project, pack_page(page, analyzer_for(project.search_lang), vocabulary))


def page_record(page: Page, file: DocsFile, project: DocsProject, postings: PagePostings) -> PageRecord:
    """The index record of a parsed page, with its packed term counts (`pack_pages`)."""
    return {
        "src_path": page.src_path, "url": page.url, "title": page.title, "boost": page.boost,
        "digest": page.digest, "checked_ns": time.time_ns(),
        # the size and time seen before reading: a write after that shows as a change next time
        "stat": [file.size, file.mtime_ns],
        "status": page.status, "tags": page.tags, "abbreviations": page.abbreviations, "excluded": page.excluded,
        "oversized": page.oversized,
        "includes": {rel: file_state(project.root / rel) for rel in sorted(page.includes)},
        "sections": [s.to_dict() for s in page.sections],
        **postings,
    }


def _mapping(terms: list[str], vocabulary: Vocabulary) -> np.ndarray:
    """A worker's term ids -> the index's (new terms numbered in the worker's order)."""
    ids = list(map(vocabulary.ids.get, terms))
    if None in ids:
        ids = [vocabulary.id(t) if i is None else i for t, i in zip(terms, ids, strict=True)]
    return np.array(ids or [0], dtype=np.int64)


def _merge(results: list[tuple[PageRecord | None, list[tuple[str, str]]]], mapping: np.ndarray,
           warnings: Warnings) -> list[PageRecord | None]:
    """A worker's chunk taken in: its warnings passed on, its records' terms re-numbered into the
    index's vocabulary (pair keys re-sorted per section), the whole chunk's arrays at once."""
    for _, found in results:
        for file, reason in found:
            warnings.add(file, reason)
    records = [record for record, _ in results if record is not None]
    if not records:
        return [record for record, _ in results]
    terms = [np.frombuffer(r["term"], dtype=np.int32) for r in records]
    renumbered = mapping[np.concatenate(terms)].astype(np.int32)
    keys = [np.frombuffer(r["pairs"], dtype=np.int64) for r in records]
    ends = [np.frombuffer(r["pair_ends"], dtype=np.int32) for r in records]
    pairs = np.concatenate(keys)
    if pairs.size:
        # each pair's section, numbered across the chunk: the records' pair ends made chunk-wide
        counts = np.array([k.size for k in keys])
        ends_all = np.concatenate(ends).astype(np.int64) + np.repeat(np.cumsum(counts) - counts, [e.size for e in ends])
        section = np.repeat(np.arange(ends_all.size), np.diff(ends_all, prepend=0))
        a, b = mapping[pairs >> 32], mapping[pairs & 0xFFFFFFFF]
        low, high = np.minimum(a, b), np.maximum(a, b)
        if ends_all.size <= _SECTION_MASK and int(high.max()) <= _TERM_MASK:
            # (section, low, high) as one 64-bit number: one plain sort, the keys read back from it
            packed = (section.astype(np.uint64) << np.uint64(44)) | (low.astype(np.uint64) << np.uint64(22)) \
                | high.astype(np.uint64)
            packed.sort()
            pairs = (((packed >> np.uint64(22)) & np.uint64(_TERM_MASK)).astype(np.int64) << 32) \
                | (packed & np.uint64(_TERM_MASK)).astype(np.int64)
        else:
            pairs = (low << 32) | high
            pairs = pairs[np.lexsort((pairs, section))]
    term_start = pair_start = 0
    for record, term, key in zip(records, terms, keys, strict=True):
        record["term"] = renumbered[term_start:term_start + term.size].tobytes()
        term_start += term.size
        if key.size:
            record["pairs"] = pairs[pair_start:pair_start + key.size].tobytes()
            pair_start += key.size
    return [record for record, _ in results]
