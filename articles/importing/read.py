"""Read legacy files from the paths given on the command line."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

LEGACY_SUFFIX = ".txt"


@dataclass(frozen=True)
class SourceFile:
    name: str  # the file name, which carries the legacy id
    path: str  # where it was read from, for the report
    data: bytes


class SourceError(ValueError):
    """A path given to the importer does not exist or cannot be read."""


def iter_source_files(paths: Iterable[str | Path]) -> Iterator[SourceFile]:
    """Every .txt file under the given files and folders (recursively), in a stable order."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob(f"*{LEGACY_SUFFIX}") if p.is_file())
        elif path.is_file():
            files = [path]
        else:
            raise SourceError(f"{path}: no such file or folder")
        for file in files:
            try:
                data = file.read_bytes()
            except OSError as error:
                raise SourceError(f"{file}: {error.strerror}") from error
            yield SourceFile(name=file.name, path=str(file), data=data)
