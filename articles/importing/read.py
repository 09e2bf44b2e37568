"""Read legacy files from files, folders (recursively) and .zip archives, one at a time.

Files are yielded lazily so memory stays flat whatever the size of the archive. A file that
cannot be read is yielded with an `error` instead of data, so the report accounts for it.
"""

import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .notes import Note

LEGACY_SUFFIX = ".txt"
MAX_FILE_BYTES = 5 * 1024 * 1024  # a legacy article is a few KB; anything this big is not one
MAX_ZIP_ENTRIES = 200_000
MAX_ZIP_BYTES = 2 * 1024 * 1024 * 1024  # uncompressed total, against zip bombs


@dataclass(frozen=True)
class SourceFile:
    name: str  # the file name, which carries the legacy id
    path: str  # where it was read from, for the report ("archive.zip:dir/000_….txt")
    data: bytes = b""
    error: Note | None = None  # why it cannot be read


SYMLINK_REFUSED = Note("symlink")


class SourceError(ValueError):
    """A path given to the importer does not exist: the run cannot proceed."""


def check_paths(paths: Iterable[str | Path]) -> list[Path]:
    """The paths, or SourceError naming the first one that does not exist."""
    checked = [Path(p) for p in paths]
    for path in checked:
        if not path.exists():
            raise SourceError(f"{path}: no such file or folder")
    return checked


def iter_source_files(paths: Iterable[str | Path]) -> Iterator[SourceFile]:
    """Every legacy text under the given files, folders and archives, in a stable order."""
    for path in check_paths(paths):
        if path.is_dir():
            for file in sorted(path.rglob("*")):
                if file.suffix.lower() not in (".zip", LEGACY_SUFFIX):
                    continue
                if file.is_symlink():
                    # A link can point anywhere on the server (a key, a password file): what
                    # is imported must be in the folder itself.
                    yield SourceFile(file.name, str(file), error=SYMLINK_REFUSED)
                elif not file.is_file():
                    continue
                elif file.suffix.lower() == ".zip":
                    yield from _read_zip(file)
                elif file.suffix.lower() == LEGACY_SUFFIX:
                    yield _read_file(file)
        elif path.suffix.lower() == ".zip":
            yield from _read_zip(path)
        else:
            yield _read_file(path)


def _read_file(path: Path) -> SourceFile:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return SourceFile(path.name, str(path), error=_too_big(size))
        return SourceFile(path.name, str(path), path.read_bytes())
    except OSError as error:
        return SourceFile(
            path.name,
            str(path),
            error=Note("cannot_read", {"detail": error.strerror or str(error)}),
        )


def _too_big(size: int) -> Note:
    return Note("too_large", {"size_kb": size // 1024, "limit_kb": MAX_FILE_BYTES // 1024})


def _bad_archive(error: Exception) -> Note:
    return Note("bad_archive", {"detail": str(error)})


def _read_zip(path: Path) -> Iterator[SourceFile]:
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        yield SourceFile(path.name, str(path), error=_bad_archive(error))
        return
    with archive:
        entries = [i for i in archive.infolist() if not i.is_dir()]
        total = sum(i.file_size for i in entries)
        if len(entries) > MAX_ZIP_ENTRIES or total > MAX_ZIP_BYTES:
            yield SourceFile(
                path.name,
                str(path),
                error=Note(
                    "archive_too_big",
                    {
                        "files": len(entries),
                        "mb": total // (1024 * 1024),
                        "max_files": MAX_ZIP_ENTRIES,
                        "max_mb": MAX_ZIP_BYTES // (1024 * 1024),
                    },
                ),
            )
            return
        for info in sorted(entries, key=lambda i: i.filename):
            yield _read_zip_entry(archive, info, path)


def _read_zip_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path) -> SourceFile:
    inner = PurePosixPath(info.filename.replace("\\", "/"))
    where = f"{path}:{info.filename}"
    # Nothing is extracted to disk, but a name that climbs out of the archive is a sign of a
    # crafted file: refuse it rather than trust the rest of its metadata.
    if inner.is_absolute() or ".." in inner.parts:
        return SourceFile(inner.name, where, error=Note("unsafe_path"))
    if inner.suffix.lower() != LEGACY_SUFFIX:
        return SourceFile(inner.name, where, error=Note("not_txt"))
    if info.file_size > MAX_FILE_BYTES:
        return SourceFile(inner.name, where, error=_too_big(info.file_size))
    try:
        with archive.open(info) as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except (OSError, zipfile.BadZipFile, RuntimeError) as error:  # RuntimeError: encrypted
        return SourceFile(
            inner.name, where, error=Note("cannot_read_in_archive", {"detail": str(error)})
        )
    if len(data) > MAX_FILE_BYTES:
        return SourceFile(inner.name, where, error=_too_big(len(data)))
    return SourceFile(inner.name, where, data)


def count_source_files(paths: Iterable[str | Path]) -> int:
    """How many files iter_source_files will yield, for a progress bar (cheap: no reading)."""
    total = 0
    for path in map(Path, paths):
        files = path.rglob("*") if path.is_dir() else [path]
        for file in files:
            if path.is_dir() and file.is_symlink():
                total += file.suffix.lower() in (".zip", LEGACY_SUFFIX)  # reported as refused
            elif file.suffix.lower() == ".zip":
                try:
                    with zipfile.ZipFile(file) as archive:
                        total += sum(1 for i in archive.infolist() if not i.is_dir()) or 1
                except (OSError, zipfile.BadZipFile):
                    total += 1
            elif file.is_file() and (file.suffix.lower() == LEGACY_SUFFIX or file == path):
                total += 1
    return total


def read_upload(path: Path, *, start: int, count: int) -> list[SourceFile]:
    """Files `start` to `start + count` of an uploaded .txt or .zip, reading only those."""
    if path.suffix.lower() != ".zip":
        return [_read_file(path)] if start == 0 else []
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        error_file = SourceFile(path.name, str(path), error=_bad_archive(error))
        return [error_file] if start == 0 else []
    with archive:
        entries = sorted(
            (i for i in archive.infolist() if not i.is_dir()), key=lambda i: i.filename
        )
        return [_read_zip_entry(archive, i, path) for i in entries[start : start + count]]
