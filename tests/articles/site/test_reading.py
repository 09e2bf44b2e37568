import io
import zipfile

import pytest

from articles.importing import read
from articles.importing.decode import LegacyFormatError, decode_legacy
from articles.importing.notes import Note
from articles.importing.read import SourceError, count_source_files, iter_source_files

TEXT = b" date 2019-01 Le Team Mulsanne repart en WTCR. Deux Alfa Romeo.\n"


def make_zip(path, entries: dict[str, bytes]):
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


def test_folders_are_read_recursively_in_a_stable_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "001_bbbbbbbbbbbbbbbb.txt").write_bytes(TEXT)
    (tmp_path / "000_aaaaaaaaaaaaaaaa.txt").write_bytes(TEXT)
    (tmp_path / "truth.json").write_text("[]")
    names = [f.name for f in iter_source_files([tmp_path])]
    assert names == ["000_aaaaaaaaaaaaaaaa.txt", "001_bbbbbbbbbbbbbbbb.txt"]
    assert count_source_files([tmp_path]) == 2


def test_zip_archives_are_read_without_extracting(tmp_path):
    archive = make_zip(
        tmp_path / "archive.zip",
        {"2019/000_aaaaaaaaaaaaaaaa.txt": TEXT, "2019/001_bbbbbbbbbbbbbbbb.txt": TEXT},
    )
    files = list(iter_source_files([archive]))
    assert [f.name for f in files] == ["000_aaaaaaaaaaaaaaaa.txt", "001_bbbbbbbbbbbbbbbb.txt"]
    assert files[0].path.endswith("archive.zip:2019/000_aaaaaaaaaaaaaaaa.txt")
    assert files[0].data == TEXT and not files[0].error
    assert count_source_files([archive]) == 2


@pytest.mark.parametrize("name", ["../evil.txt", "/etc/evil.txt", "a/../../evil.txt"])
def test_zip_entries_that_climb_out_are_refused(tmp_path, name):
    archive = make_zip(tmp_path / "archive.zip", {name: TEXT, "ok.txt": TEXT})
    files = {f.path.split(":", 1)[1]: f for f in iter_source_files([archive])}
    assert files[name].error == Note("unsafe_path")
    assert not files["ok.txt"].error


def test_zip_with_too_many_entries_is_refused_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(read, "MAX_ZIP_ENTRIES", 2)
    archive = make_zip(tmp_path / "a.zip", {f"{n}.txt": TEXT for n in range(3)})
    (only,) = iter_source_files([archive])
    assert only.error.code == "archive_too_big" and only.error.params["files"] == 3
    assert str(only.error).startswith("archive refusée : 3 fichiers")


def test_zip_bomb_sizes_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(read, "MAX_ZIP_BYTES", 100)
    archive = make_zip(tmp_path / "a.zip", {"big.txt": b"a" * 1000})
    (only,) = iter_source_files([archive])
    assert only.error.code == "archive_too_big" and only.error.params["mb"] == 0


def test_broken_zip_and_oversized_file_are_reported(tmp_path, monkeypatch):
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04 not really")
    monkeypatch.setattr(read, "MAX_FILE_BYTES", 10)
    (tmp_path / "000_aaaaaaaaaaaaaaaa.txt").write_bytes(TEXT)
    errors = {f.name: f.error for f in iter_source_files([tmp_path])}
    assert errors["broken.zip"].code == "bad_archive"
    assert str(errors["broken.zip"]).startswith("archive zip illisible : ")
    assert errors["000_aaaaaaaaaaaaaaaa.txt"] == Note("too_large", {"size_kb": 0, "limit_kb": 0})


def test_non_text_entries_in_a_zip_are_accounted_for(tmp_path):
    buffer = io.BytesIO()
    make_zip(buffer, {"photo.jpg": b"\xff\xd8", "000_aaaaaaaaaaaaaaaa.txt": TEXT})
    (tmp_path / "a.zip").write_bytes(buffer.getvalue())
    errors = {f.name: f.error for f in iter_source_files([tmp_path / "a.zip"])}
    assert errors == {"000_aaaaaaaaaaaaaaaa.txt": None, "photo.jpg": Note("not_txt")}


def test_missing_path_stops_the_run(tmp_path):
    with pytest.raises(SourceError, match="no such file or folder"):
        list(iter_source_files([tmp_path / "absent"]))


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty_file"),
        (b" \n\t\r\n", "only_whitespace"),
        (b"abc\x00def", "binary_nul"),
        (bytes(range(1, 32)) * 10, "binary_control"),
    ],
)
def test_unusable_bytes_are_refused_with_a_reason(data, code):
    with pytest.raises(LegacyFormatError) as refused:
        decode_legacy(data)
    assert refused.value.note.code == code


def test_latin1_text_is_detected_and_said():
    decoded = decode_legacy(" date 2019-01 Citroën a dominé l'épreuve à Monza.".encode("cp1252"))
    assert "Citroën a dominé l'épreuve" in decoded.text
    assert decoded.warnings[0].code == "not_utf8"


def test_text_is_normalised_and_control_characters_removed():
    decomposed = " date 2019-01 Citroe\u0308n\x07 gagne.".encode()
    assert decode_legacy(decomposed).text == " date 2019-01 Citroën gagne."
