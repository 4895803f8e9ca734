"""extract_corpus(): stream documents into a claims store, in parallel and resumably.

The parent process reads the documents one at a time (:func:`iter_documents`), keeps
a bounded number of them in flight, and writes each finished document to the store
as one file (:func:`geoclaims.store.dataset.store_document`, atomic). Workers analyse
a document and encode its rows as the bytes of that file: processes of a
:class:`concurrent.futures.ProcessPoolExecutor` (``jobs > 1``), the workers of a Dask
cluster (``scheduler=``), or the calling process itself (``jobs=1``). Each worker
process opens the gazetteer once.

Because a document is either wholly in the store or absent, a run stopped at any
point (Ctrl-C, a crash, ``kill -9``) loses no finished document, and a rerun skips
the documents already stored and redoes none of them.
"""

from __future__ import annotations

import itertools
import json
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.progress import ProgressColumn

from geoclaims._workers import _CtrlC, _die_with_parent
from geoclaims.errors import (
    ConfigurationError,
    ExtractionInterrupted,
    GeoclaimsError,
    InputError,
)

if TYPE_CHECKING:
    from rich.progress import Progress, Task, TaskID
    from rich.text import Text

    from geoclaims.documents import Document
    from geoclaims.places.gazetteer import Gazetteer

#: Name of the per-document error log inside the store (unless ``errors_path``).
ERRORS_FILENAME = "_errors.jsonl"
#: Documents in flight (queued or running) per worker: enough to keep every worker
#: busy while the parent writes, few enough to bound memory on any corpus size.
IN_FLIGHT_PER_WORKER = 2
#: Documents in flight beyond ``IN_FLIGHT_PER_WORKER`` per worker.
IN_FLIGHT_EXTRA = 2
#: Seconds to wait for a Dask scheduler to answer.
DASK_CONNECT_TIMEOUT_S = 30


@dataclass(frozen=True, slots=True, kw_only=True)
class CorpusResult:
    """Counts of one :func:`extract_corpus` run."""

    #: Documents analysed and stored by this run.
    done: int
    #: Documents skipped because the store already held them (a resumed run).
    skipped: int
    #: Documents that could not be analysed; one JSON line each in ``errors_path``.
    failed: int
    #: Claim rows written by this run.
    rows: int
    #: Whitespace-separated words of the documents analysed (stored or failed).
    words: int
    #: Wall-clock duration of the run, pool start-up included.
    seconds: float
    #: The store directory.
    store: Path
    #: The error log (it exists only if ``failed > 0``).
    errors_path: Path

    @property
    def docs_per_s(self) -> float:
        """Documents analysed (stored or failed) per second of the run."""
        return (self.done + self.failed) / self.seconds if self.seconds > 0 else 0.0

    def summary(self) -> str:
        """One line for people: what was stored, skipped and failed, and how fast."""
        text = (
            f"{self.done} documents stored ({self.rows} rows), "
            f"{self.skipped} already in the store, {self.failed} failed; "
            f"{self.seconds:.1f} s, {self.docs_per_s:.1f} documents/s"
        )
        if self.failed:
            text += f". Failures are listed in {self.errors_path}"
        return text


@dataclass(frozen=True, slots=True, kw_only=True)
class _Outcome:
    """What a worker sends back for one document: its store file, or why it failed."""

    doc_id: str
    origin: str
    words: int
    #: The document's store file (``encode_document``), None when it failed.
    payload: bytes | None = None
    #: Claim rows in ``payload``.
    rows: int = 0
    error_type: str = ""
    message: str = ""


# ---------------------------------------------------------------- worker side

#: Gazetteer of this process's worker calls, ``(path, Gazetteer)``: opened by the
#: first document a process analyses and reused for all the others.
_WORKER_GAZETTEER: tuple[str, Gazetteer] | None = None


def _worker_gazetteer(path: str) -> Gazetteer:
    global _WORKER_GAZETTEER
    if _WORKER_GAZETTEER is None or _WORKER_GAZETTEER[0] != path:
        from geoclaims.places.gazetteer import Gazetteer

        _WORKER_GAZETTEER = (path, Gazetteer.open(path))
    return _WORKER_GAZETTEER[1]


def _keep_gazetteer(gazetteer: Gazetteer) -> str:
    """Make ``gazetteer`` this process's worker gazetteer; return its path."""
    global _WORKER_GAZETTEER
    _WORKER_GAZETTEER = (str(gazetteer.path), gazetteer)
    return str(gazetteer.path)


def _init_worker(gazetteer_path: str, parent_pid: int | None = None) -> None:
    """Process-pool initializer: open the gazetteer; leave Ctrl-C and SIGTERM to the
    parent; exit when the parent dies.

    A terminal sends SIGINT to every process of the foreground group, and a service
    manager often SIGTERM; workers ignore both so that they finish their document
    while the parent cancels queued ones and shuts the pool down.
    """
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    if parent_pid is not None:
        _die_with_parent(parent_pid)
    _worker_gazetteer(gazetteer_path)


def _failure(doc: Document, err: BaseException) -> _Outcome:
    return _Outcome(
        doc_id=doc.doc_id,
        origin=doc.origin,
        words=len(doc.text.split()),
        error_type=type(err).__name__,
        message=str(err),
    )


def analyze_document(doc: Document, gazetteer_path: str) -> _Outcome:
    """Analyse one document into the bytes of its store file (runs in a worker).

    Any exception of the analysis is returned as a failed outcome, so that one bad
    document never stops a corpus.
    """
    from geoclaims.pipeline import analyze
    from geoclaims.store.dataset import encode_document
    from geoclaims.store.frames import to_geodataframe

    try:
        report = analyze(
            doc.text,
            **doc.analyze_kwargs(),
            gazetteer=_worker_gazetteer(gazetteer_path),
        )
        frame = to_geodataframe([report])
        payload = encode_document(doc.doc_id, frame)
    except Exception as err:  # logged per document; the run goes on
        return _failure(doc, err)
    return _Outcome(
        doc_id=doc.doc_id,
        origin=doc.origin,
        words=len(doc.text.split()),
        payload=payload,
        rows=len(frame),
    )


# ---------------------------------------------------------------- parent side


class _Tally:
    """The parent's sink: writes finished documents, logs failures, counts."""

    def __init__(self, store: Path, errors_path: Path, bar: Progress, task: TaskID):
        self.store = store
        self.errors_path = errors_path
        self.done = self.skipped = self.failed = self.rows = self.words = 0
        self._bar = bar
        self._task = task
        self._log: Any = None
        self._start = time.perf_counter()

    def skip(self) -> None:
        self.skipped += 1
        self._bar.advance(self._task)

    def record(self, outcome: _Outcome) -> None:
        from geoclaims.store.dataset import store_document

        self.words += outcome.words
        if outcome.payload is not None:
            store_document(self.store, outcome.doc_id, outcome.payload)
            self.rows += outcome.rows
            self.done += 1
        else:
            self._write_error(outcome)
            self.failed += 1
            self._bar.update(self._task, failed=self.failed)
        self._bar.advance(self._task)

    def _write_error(self, outcome: _Outcome) -> None:
        # A log, not an output: appended and flushed line by line so that the lines
        # of a run that is killed survive (a run starts by removing the old log).
        if self._log is None:
            self._log = self.errors_path.open("a", encoding="utf-8")
        record = {
            "doc_id": outcome.doc_id,
            "origin": outcome.origin,
            "error": outcome.error_type,
            "message": outcome.message,
        }
        self._log.write(json.dumps(record, ensure_ascii=False) + "\n")
        self._log.flush()

    def close(self) -> None:
        if self._log is not None:
            self._log.close()
            self._log = None

    def result(self) -> CorpusResult:
        return CorpusResult(
            done=self.done,
            skipped=self.skipped,
            failed=self.failed,
            rows=self.rows,
            words=self.words,
            seconds=time.perf_counter() - self._start,
            store=self.store,
            errors_path=self.errors_path,
        )


def _pending(
    docs: Iterable[Document], store: Path, resume: bool, tally: _Tally, stop: _CtrlC
) -> Iterator[Document]:
    """Documents still to analyse: not stored yet and not seen earlier in this run."""
    from geoclaims.store.dataset import document_file, stored_file_names

    stored = stored_file_names(store) if resume else set()
    seen: dict[str, str] = {}
    for doc in docs:
        if doc.doc_id in seen:
            tally.record(
                _Outcome(
                    doc_id=doc.doc_id,
                    origin=doc.origin,
                    words=0,
                    error_type="DuplicateDocId",
                    message=f"doc_id {doc.doc_id!r} was already read from "
                    f"{seen[doc.doc_id]}; the first document is kept",
                )
            )
            continue
        seen[doc.doc_id] = doc.origin
        if document_file(store, doc.doc_id).name in stored:
            tally.skip()
            continue
        stop.checkpoint()
        yield doc


def _run_serial(docs: Iterator[Document], gazetteer_path: str, tally: _Tally) -> None:
    for doc in docs:
        tally.record(analyze_document(doc, gazetteer_path))


def _run_processes(
    docs: Iterator[Document],
    jobs: int,
    gazetteer_path: str,
    tally: _Tally,
    stop: _CtrlC,
) -> None:
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    # "spawn": workers start from a clean interpreter, never from a fork of a parent
    # that may hold threads, open files and SQLite connections.
    pool = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_init_worker,
        initargs=(gazetteer_path, os.getpid()),
    )
    window = jobs * IN_FLIGHT_PER_WORKER + IN_FLIGHT_EXTRA
    in_flight: dict[Future[_Outcome], Document] = {}

    def collect(finished: Iterable[Future[_Outcome]]) -> None:
        for future in finished:
            in_flight.pop(future)
            tally.record(future.result())

    try:
        for doc in docs:
            in_flight[pool.submit(analyze_document, doc, gazetteer_path)] = doc
            if len(in_flight) >= window:
                collect(wait(in_flight, return_when=FIRST_COMPLETED).done)
        while in_flight:
            collect(wait(in_flight, return_when=FIRST_COMPLETED).done)
            stop.checkpoint()
    except BrokenProcessPool as err:
        pool.shutdown(wait=True, cancel_futures=True)
        if stop.requested:
            raise KeyboardInterrupt from err  # the group's signal reached the workers too
        ids = ", ".join(repr(d.doc_id) for d in in_flight.values())
        raise GeoclaimsError(
            f"a worker process died while analysing one of {ids}; the finished "
            "documents are stored and rerunning resumes (--jobs 1 shows which "
            "document it is)"
        ) from err
    except BaseException:
        # Ctrl-C or an error of the parent: drop the queued documents, let the
        # running ones finish and keep them.
        pool.shutdown(wait=True, cancel_futures=True)
        for future, _doc in list(in_flight.items()):
            if future.done() and not future.cancelled() and future.exception() is None:
                collect([future])
        raise
    pool.shutdown(wait=True)


def _run_dask(
    docs: Iterator[Document],
    scheduler: str,
    gazetteer_path: str,
    tally: _Tally,
    stop: _CtrlC,
) -> None:
    try:
        from distributed import Client, as_completed
    except ImportError as err:
        raise ConfigurationError(
            "a Dask scheduler needs the package 'distributed' (pip install distributed)"
        ) from err
    try:
        client = Client(scheduler, timeout=DASK_CONNECT_TIMEOUT_S, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as err:
        raise ConfigurationError(
            f"cannot reach the Dask scheduler at {scheduler!r} ({err})"
        ) from err
    with client:
        workers = max(1, sum(client.nthreads().values()))
        window = workers * IN_FLIGHT_PER_WORKER + IN_FLIGHT_EXTRA
        queue = as_completed(loop=client.loop)
        in_flight: dict[Any, tuple[Any, Document]] = {}

        def submit(doc: Document) -> None:
            # pure=False: two documents with the same text are two tasks.
            future = client.submit(analyze_document, doc, gazetteer_path, pure=False)
            in_flight[future.key] = (future, doc)
            queue.add(future)

        for doc in itertools.islice(docs, window):
            submit(doc)
        try:
            for future in queue:
                _, doc = in_flight.pop(future.key)
                if future.status == "finished":
                    outcome = future.result()
                else:  # the worker died or the task was lost: log it, go on
                    outcome = _failure(doc, future.exception())
                future.release()
                tally.record(outcome)
                stop.checkpoint()
                for nxt in itertools.islice(docs, 1):
                    submit(nxt)
        except BaseException:
            client.cancel([future for future, _ in in_flight.values()])
            raise


def extract_corpus(
    paths: Iterable[str | Path],
    *,
    store: str | Path,
    jobs: int = 1,
    scheduler: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    errors_path: str | Path | None = None,
    resume: bool = True,
    progress: bool = True,
    data: str | Path | None = None,
) -> CorpusResult:
    """Analyse every document of files, JSONL corpora and directories into a store.

    Documents are streamed (the corpus is never held in memory; at most
    ``2 * workers + 2`` documents are in flight), analysed in parallel and written to
    the store one file per document, atomically, as they finish.

    Parameters
    ----------
    paths : iterable of str or Path
        Inputs of :func:`geoclaims.documents.iter_documents`.
    store : str or Path
        The claims store (created if missing; its parent directory must exist).
    jobs : int, default 1
        Worker processes on this machine. 1 analyses in the calling process.
    scheduler : str, optional
        Address of a Dask scheduler (``"tcp://host:8786"``): the cluster's workers
        analyse the documents (needs ``distributed``; every worker must see the
        gazetteer file at the path this process uses). Excludes ``jobs > 1``.
    outlet, published : str, optional
        Defaults for documents whose metadata lacks them.
    errors_path : str or Path, optional
        Where documents that fail are logged, one JSON line each (``doc_id``,
        ``origin`` as ``path:line``, ``error`` type, ``message``). Default
        ``STORE/_errors.jsonl``. A log left by an earlier run is removed at the
        start, since its documents are retried.
    resume : bool, default True
        Skip documents already in the store. False analyses and replaces them all.
    progress : bool, default True
        Show a progress bar on stderr (only when stderr is a terminal).
    data : str or Path, optional
        Gazetteer file or directory (default: :func:`geoclaims.config.gazetteer_path`).

    Returns
    -------
    CorpusResult
        Counts of documents stored, skipped and failed, rows written, duration.

    Raises
    ------
    ConfigurationError
        ``jobs`` below 1, ``jobs > 1`` with ``scheduler``, or an unreachable
        scheduler.
    InputError
        A missing input, a malformed JSONL line (documents before it are stored),
        or a missing parent directory of the store or of ``errors_path``.
    StoreError
        ``store`` is not a store, or one of another format version.
    ExtractionInterrupted
        On Ctrl-C: the documents being analysed are finished and stored, queued
        ones are dropped (a second Ctrl-C stops at once); its ``result`` has the
        counts. Rerunning resumes.

    Examples
    --------
    >>> result = extract_corpus(["news.jsonl"], store="claims.store", jobs=2)
    ...                                                   # doctest: +SKIP
    >>> result.done, result.failed                        # doctest: +SKIP
    (118, 2)
    """
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    from geoclaims._io import remove_stale_temps
    from geoclaims.documents import count_documents, expand_paths, iter_documents
    from geoclaims.places.gazetteer import Gazetteer
    from geoclaims.store.dataset import open_store

    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise ConfigurationError(f"jobs must be an integer >= 1, got {jobs!r}")
    if scheduler is not None and jobs > 1:
        raise ConfigurationError(
            "give either jobs > 1 (processes on this machine) or a Dask scheduler, "
            "not both: the cluster's workers set the parallelism"
        )
    files = expand_paths(paths)
    if errors_path is not None and not Path(errors_path).parent.is_dir():
        parent = str(Path(errors_path).parent)
        raise InputError(
            "directory of the error log does not exist",
            path=errors_path,
            hint=f"create {parent!r} first or choose another path",
        )
    # Opened here, so a missing gazetteer fails before any worker starts and every
    # worker opens the same file; an in-process run (jobs=1) uses this one.
    gazetteer_path = _keep_gazetteer(Gazetteer.open(data))
    store_dir = open_store(store, create=True)
    # Temporary files of document writes a killed run left (documents are written
    # without a sweep each, see store_document).
    remove_stale_temps(store_dir)
    log = Path(errors_path) if errors_path is not None else store_dir / ERRORS_FILENAME
    log.unlink(missing_ok=True)

    console = Console(stderr=True)
    show = progress and console.is_terminal
    bar = Progress(
        TextColumn("extracting"),
        BarColumn(),
        MofNCompleteColumn(),
        _RateColumn(),
        TimeRemainingColumn(),
        TextColumn("{task.fields[failed]} failed"),
        console=console,
        disable=not show,
    )
    total = count_documents(files) if show else None
    task = bar.add_task("extracting", total=total, failed=0)
    tally = _Tally(store_dir, log, bar, task)
    stop = _CtrlC()
    docs = _pending(
        iter_documents(files, outlet=outlet, published=published),
        store_dir,
        resume,
        tally,
        stop,
    )
    try:
        with stop, bar:
            if scheduler is not None:
                _run_dask(docs, scheduler, gazetteer_path, tally, stop)
            elif jobs == 1:
                _run_serial(docs, gazetteer_path, tally)
            else:
                _run_processes(docs, jobs, gazetteer_path, tally, stop)
    except KeyboardInterrupt as err:
        result = tally.result()
        import signal

        by = "SIGTERM" if stop.signum == signal.SIGTERM else "Ctrl-C"
        raise ExtractionInterrupted(
            f"interrupted ({by}): {result.done} documents stored by this run "
            f"({result.skipped} were already in {store_dir}); rerun the same "
            "command to resume",
            result=result, signum=stop.signum or signal.SIGINT,
        ) from err
    finally:
        tally.close()
    return tally.result()


class _RateColumn(ProgressColumn):
    """Documents per second, as rich measures it over the last seconds."""

    def render(self, task: Task) -> Text:
        from rich.text import Text

        speed = task.finished_speed or task.speed
        return Text("? docs/s" if speed is None else f"{speed:.1f} docs/s")
