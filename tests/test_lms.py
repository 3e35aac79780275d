"""LMS archives in (autograder.lms.collect) and grade import files out (autograder.lms.export_lms).

Every archive is built here in the LMS's own naming scheme (see the module's docstring for the sources).
"""
from __future__ import annotations

import csv
import json
import stat
import zipfile
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from autograder.lms import LMSError, collect, detect, export_lms
from autograder.roster import parse_roster

ROSTER = parse_roster("""id,first_name,last_name,email,lms_id
alice,Alice,Smith,alice@uni.example,1001
bob,Bob,Jones,bob@uni.example,1002
carol,Carol,Díaz,carol@uni.example,
""")


def nb(tag: str) -> str:
    return nbformat.writes(new_notebook(cells=[new_code_cell(f"# {tag}")]))


def tag_of(path: Path) -> str:
    return "".join(json.loads(path.read_text())["cells"][0]["source"])


def make_zip(path: Path, members) -> Path:
    """``members``: (name, data) or (ZipInfo, data)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            z.writestr(name, data)
    return path


def files_under(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file() or p.is_symlink()}


def test_canvas_late_and_resubmitted_copy(tmp_path):
    archive = make_zip(tmp_path / "submissions.zip", [
        ("smithalice_1001_5001_01_basics.ipynb", nb("alice first")),
        ("smithalice_1001_5107_01_basics-1.ipynb", nb("alice resubmitted")),  # Canvas's rename on resubmission
        ("smithalice_1001_5108_data.csv", "x,y\n1,2\n"),
        ("jonesbob_LATE_1002_5200_01_basics.ipynb", nb("bob")),
        ("stonedan_1999_5300_01_basics.ipynb", nb("dan")),  # not in the roster
    ])
    dest = tmp_path / "submitted"
    report = collect(archive, "ps1", dest, ROSTER, ["01_basics"])
    assert report.lms == "canvas"
    assert tag_of(dest / "alice/ps1/01_basics.ipynb") == "# alice resubmitted"
    assert (dest / "alice/ps1/data.csv").read_text() == "x,y\n1,2\n"
    assert tag_of(dest / "bob/ps1/01_basics.ipynb") == "# bob"
    assert report.late == ["bob"]
    assert sorted(report.collected) == [("alice", "01_basics", "smithalice_1001_5107_01_basics-1.ipynb"),
                                        ("bob", "01_basics", "jonesbob_LATE_1002_5200_01_basics.ipynb")]
    assert report.files == [("alice", "data.csv", "smithalice_1001_5108_data.csv")]
    notes = "\n".join(report.notes)
    assert "took 01_basics-1.ipynb as 01_basics.ipynb" in notes
    assert "smithalice_1001_5001_01_basics.ipynb" in notes  # the older copy is named, not silently dropped
    assert len(report.unmatched) == 1 and report.unmatched[0].startswith("stonedan_1999_5300_01_basics.ipynb")
    assert not (dest / "alice/ps1/timestamp.txt").exists()  # Canvas names carry no time
    assert files_under(dest) == {"alice/ps1/01_basics.ipynb", "alice/ps1/data.csv", "bob/ps1/01_basics.ipynb"}
    summary = "\n".join(report.summary())
    assert "2 notebook(s)" in summary and "bob" in summary and "stonedan" in summary


def test_browser_duplicate_name_and_several_notebooks(tmp_path):
    archive = make_zip(tmp_path / "s.zip", [
        ("smithalice_1001_6001_problem1 (1).ipynb", nb("alice p1 copy")),  # the student's own download duplicate
        ("smithalice_1001_6002_problem2.ipynb", nb("alice p2")),
        ("jonesbob_1002_6003_problem1.ipynb", nb("bob p1 old")),
        ("jonesbob_1002_6004_problem1(2).ipynb", nb("bob p1 newest")),
    ])
    dest = tmp_path / "submitted"
    report = collect(archive, "ps2", dest, ROSTER, ["problem1", "problem2"], lms="canvas")
    assert tag_of(dest / "alice/ps2/problem1.ipynb") == "# alice p1 copy"
    assert tag_of(dest / "bob/ps2/problem1.ipynb") == "# bob p1 newest"
    notes = "\n".join(report.notes)
    assert "alice: took problem1 (1).ipynb as problem1.ipynb" in notes
    assert "bob: no problem2.ipynb in the archive" in notes
    assert "jonesbob_1002_6003_problem1.ipynb" in notes


@pytest.mark.parametrize("layout", ["folders", "folders_3x", "flat"])
def test_moodle_layouts_by_id_and_by_name(tmp_path, layout):
    # Alice's participant id is her roster lms_id; Carol's (Moodle's own 7203) is not, so she is found by name.
    def name(who, pid, file):
        return {"folders": f"{who}_{pid}_assignsubmission_file/{file}",
                "folders_3x": f"{who}_{pid}_assignsubmission_file_/{file}",
                "flat": f"{who}_{pid}_assignsubmission_file_{file}"}[layout]
    members = [(name("Alice Smith", 1001, "01_basics.ipynb"), nb("alice")),
               (name("Alice Smith", 1001, "helper.py"), "x = 1\n"),
               (name("Carol Díaz", 7203, "01_basics.ipynb"), nb("carol")),
               (name("Eve Unknown", 7300, "01_basics.ipynb"), nb("eve"))]
    if layout != "flat":
        members.append((name("Alice Smith", 1001, "data/train.csv"), "1\n"))
    dest = tmp_path / "submitted"
    report = collect(make_zip(tmp_path / "m.zip", members), "ps1", dest, ROSTER, ["01_basics"])
    assert report.lms == "moodle"
    assert tag_of(dest / "alice/ps1/01_basics.ipynb") == "# alice"
    assert (dest / "alice/ps1/helper.py").read_text() == "x = 1\n"
    assert tag_of(dest / "carol/ps1/01_basics.ipynb") == "# carol"
    assert any("participant 7203" in n and "carol by name" in n for n in report.notes)
    assert [u.split(":")[0] for u in report.unmatched] == [name("Eve Unknown", 7300, "01_basics.ipynb")]
    if layout != "flat":
        assert (dest / "alice/ps1/data/train.csv").read_text() == "1\n"


def test_blackboard_latest_attempt_wins_and_timestamp(tmp_path):
    old, new = "2024-03-01-09-15-00", "2024-03-02-23-59-30"
    archive = make_zip(tmp_path / "gradebook.zip", [
        (f"Problem Set 1_alice_attempt_{old}.txt", "Name: Alice Smith (alice)\nAssignment: Problem Set 1\n"),
        (f"Problem Set 1_alice_attempt_{old}_01_basics.ipynb", nb("alice attempt 1")),
        (f"Problem Set 1_alice_attempt_{new}.txt", "Name: Alice Smith (alice)\n"),
        (f"Problem Set 1_alice_attempt_{new}_01_basics.ipynb", nb("alice attempt 2")),
        (f"Problem Set 1_alice_attempt_{new}_notes.txt", "my notes"),  # a submitted .txt, not a receipt
        (f"Problem Set 1_bob_attempt_{old}_01_basics.ipynb", nb("bob")),
        (f"Problem Set 1_mallory_attempt_{old}_01_basics.ipynb", nb("mallory")),
    ])
    dest = tmp_path / "submitted"
    report = collect(archive, "ps1", dest, ROSTER, ["01_basics"], timezone="Europe/London")
    assert report.lms == "blackboard"
    assert tag_of(dest / "alice/ps1/01_basics.ipynb") == "# alice attempt 2"
    assert (dest / "alice/ps1/notes.txt").read_text() == "my notes"
    from nbgrader.utils import parse_utc  # nbgrader's own reader of timestamp.txt (imported here: it is slow)

    stamp = (dest / "alice/ps1/timestamp.txt").read_text()
    assert stamp == "2024-03-02 23:59:30 UTC"  # London is on UTC in March
    assert parse_utc(stamp).isoformat() == "2024-03-02T23:59:30"
    assert (dest / "bob/ps1/timestamp.txt").read_text() == "2024-03-01 09:15:00 UTC"
    assert any("ignored 2 Blackboard receipt" in n for n in report.notes)
    assert any(f"attempt_{old}_01_basics.ipynb" in n for n in report.notes)  # the older attempt, named
    assert [u.split(":")[0] for u in report.unmatched] == [f"Problem Set 1_mallory_attempt_{old}_01_basics.ipynb"]
    assert files_under(dest) == {"alice/ps1/01_basics.ipynb", "alice/ps1/notes.txt", "alice/ps1/timestamp.txt",
                                 "bob/ps1/01_basics.ipynb", "bob/ps1/timestamp.txt"}


def test_blackboard_time_zone_converted_to_utc(tmp_path):
    archive = make_zip(tmp_path / "g.zip", [("HW_alice_attempt_2024-07-01-10-00-00_01_basics.ipynb", nb("a"))])
    collect(archive, "ps1", tmp_path / "out", ROSTER, ["01_basics"], timezone="America/New_York")
    assert (tmp_path / "out/alice/ps1/timestamp.txt").read_text() == "2024-07-01 14:00:00 UTC"


def test_hostile_archive_writes_nothing_outside_dest(tmp_path):
    link = zipfile.ZipInfo("smithalice_1001_7002_link.py")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    archive = make_zip(tmp_path / "evil.zip", [
        ("smithalice_1001_7001_01_basics.ipynb", nb("alice")),
        ("../evil.py", "print('escaped')"),
        ("smithalice_1001_7003_../../evil2.py", "x"),
        ("/tmp/evil_absolute.py", "x"),
        (link, "/etc/passwd"),
        ("smithalice_1001_7004_timestamp.txt", "2000-01-01 00:00:00"),  # forged: would make a late one on time
        ("jonesbob_1002_7005_a\\..\\b.py", "x"),
        ("__MACOSX/._smithalice_1001_7001_01_basics.ipynb", "junk"),
    ])
    dest = tmp_path / "inner" / "submitted"
    before = files_under(tmp_path)
    report = collect(archive, "ps1", dest, ROSTER, ["01_basics"])
    assert files_under(dest) == {"alice/ps1/01_basics.ipynb"}
    assert files_under(tmp_path) - before == {"inner/submitted/alice/ps1/01_basics.ipynb"}
    refused = "\n".join(report.refused)
    for why in ("../evil.py: its path has", "/tmp/evil_absolute.py: it has an absolute path",
                "smithalice_1001_7002_link.py: it is a symbolic link", "7003_../../evil2.py: its path",
                "backslash"):
        assert why in refused
    assert any("timestamp.txt is never trusted" in n for n in report.notes)
    assert [u.split(":")[0] for u in report.unmatched] == ["__MACOSX/._smithalice_1001_7001_01_basics.ipynb"]


def test_name_that_is_not_utf8_is_refused_and_shown_escaped(tmp_path):
    path = make_zip(tmp_path / "n.zip", [("smithalice_1001_8001_01_basics.ipynb", nb("a")),
                                          ("smithalice_1001_8002_QQ.py", "x"), ("smithalice_1001_8003_RR.py", "y")])
    # zipfile always writes non-ASCII names as flagged UTF-8: put raw bytes in by hand, unflagged: Latin-1 (refused)
    # and UTF-8 (as Info-ZIP writes it, taken).
    path.write_bytes(path.read_bytes().replace(b"QQ.py", b"\xe9\xff.py").replace(b"RR.py", "é.py".encode()))
    report = collect(path, "ps1", tmp_path / "out", ROSTER, ["01_basics"])
    assert report.refused == ["smithalice_1001_8002_\\xe9\\xff.py: its name is not valid UTF-8"]
    assert files_under(tmp_path / "out") == {"alice/ps1/01_basics.ipynb", "alice/ps1/é.py"}


def test_limits_and_dest_refused_before_anything_is_written(tmp_path):
    bomb = make_zip(tmp_path / "bomb.zip", [("smithalice_1001_1_01_basics.ipynb", b"\0" * (4 << 20))])
    assert bomb.stat().st_size < 100_000
    with pytest.raises(LMSError, match="over the limits"):
        collect(bomb, "ps1", tmp_path / "a", ROSTER, ["01_basics"], max_bytes=1 << 20)
    many = make_zip(tmp_path / "many.zip", [(f"smithalice_1001_{i}_f{i}.py", "x") for i in range(6)])
    with pytest.raises(LMSError, match="6 members"):
        collect(many, "ps1", tmp_path / "b", ROSTER, ["01_basics"], max_members=5)
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()
    full = tmp_path / "full"
    full.mkdir()
    (full / "keep.txt").write_text("mine")
    with pytest.raises(LMSError, match="already has files"):
        collect(many, "ps1", full, ROSTER, ["01_basics"])
    assert files_under(full) == {"keep.txt"}
    with pytest.raises(LMSError, match="not a readable"):
        collect(full / "keep.txt", "ps1", tmp_path / "c", ROSTER, ["01_basics"])


def test_detect():
    assert detect(["a_1_2_x.ipynb"]) == "canvas"
    assert detect(["Participant_12_assignsubmission_file/x.ipynb"]) == "moodle"
    assert detect(["HW 1_abc_attempt_2024-01-02-03-04-05.txt"]) == "blackboard"
    assert detect(["readme.md"]) is None


GRADES = [
    {"student_id": "alice", "assignment": "ps1", "score": "7.5", "max_score": "10", "status": "graded"},
    {"student_id": "alice", "assignment": "ps2", "score": "20.0", "max_score": "20", "status": "graded"},
    {"student_id": "bob", "assignment": "ps1", "score": "0", "max_score": "10", "status": "error"},
    {"student_id": "bob", "assignment": "ps2", "score": "13.333333", "max_score": "20", "status": "graded"},
    {"student_id": "alice", "assignment": "ps9", "score": "1", "max_score": "1", "status": "graded"},  # not exported
]


def read_csv(path: Path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def test_export_canvas_gradebook_csv(tmp_path):
    out = export_lms(GRADES, ROSTER, {"ps1": "Problem Set 1 (4101)", "ps2": "Problem Set 2 (4102)"}, "canvas",
                     tmp_path / "canvas.csv")
    rows = read_csv(out)
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section",
                       "Problem Set 1 (4101)", "Problem Set 2 (4102)"]
    assert rows[1] == ["    Points Possible", "", "", "", "", "10", "20"]
    assert rows[2] == ["Smith, Alice", "1001", "", "alice", "", "7.5", "20"]
    assert rows[3] == ["Jones, Bob", "1002", "", "bob", "", "", "13.33"]  # a grading error is never a zero
    assert rows[4] == ["Díaz, Carol", "", "", "carol", "", "", ""]  # no rows: empty cells
    assert len(rows) == 5


def test_export_moodle_grade_import_csv(tmp_path):
    titles = {"ps1": "Assignment: Problem Set 1", "ps2": "Assignment: Problem Set 2 (Real)"}
    rows = read_csv(export_lms(GRADES, ROSTER, titles, "moodle", tmp_path / "moodle.csv"))
    assert rows[0] == ["First name", "Last name", "Email address",
                       "Assignment: Problem Set 1 (Real)", "Assignment: Problem Set 2 (Real)"]
    assert rows[1:] == [["Alice", "Smith", "alice@uni.example", "7.5", "20"],
                        ["Bob", "Jones", "bob@uni.example", "", "13.33"],
                        ["Carol", "Díaz", "carol@uni.example", "", ""]]
    rows = read_csv(export_lms(GRADES, ROSTER, {"ps1": "PS1"}, "moodle", tmp_path / "m2.csv", moodle_key="idnumber"))
    assert rows[0] == ["First name", "Last name", "ID number", "PS1 (Real)"]
    assert rows[1] == ["Alice", "Smith", "alice", "7.5"]


def test_export_refuses_students_not_in_roster(tmp_path):
    rows = GRADES + [{"student_id": "zed", "assignment": "ps1", "score": "3", "max_score": "10"}]
    with pytest.raises(LMSError, match="not in the roster: zed") as info:
        export_lms(rows, ROSTER, {"ps1": "PS1 (1)"}, "canvas", tmp_path / "x.csv")
    assert info.value.unknown == ["zed"]
    assert not (tmp_path / "x.csv").exists()
    no_email = parse_roster("id,first_name,last_name\nalice,Alice,Smith\n")
    with pytest.raises(LMSError, match="no email address for alice"):
        export_lms(GRADES[:1], no_email, {"ps1": "PS1"}, "moodle", tmp_path / "y.csv")
