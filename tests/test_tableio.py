"""The table reader: each refusal is one line naming file, row, column and the fix; each test has its own file."""
import os
import subprocess
import sys

import pytest

from analysis.data import tableio
from analysis.exceptions import DataFileError, DataValidationError
from analysis.data.schema import COLUMNS
from analysis.data import files
from analysis.data.tableio import read_frame, read_records, read_table

HEADER = "district,indicator,note\n"


def write(tmp_path, data: bytes, name="t.csv"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def refusal(path, **kwargs) -> str:
    """The one-line message a file is refused with."""
    with pytest.raises((DataFileError, DataValidationError)) as info:
        read_table(path, **kwargs)
    message = str(info.value)
    assert "\n" not in message and "Traceback" not in message
    return message


def test_reads_rows_as_stripped_strings(tmp_path):
    path = write(tmp_path, "district,indicator,note\n万柏林区 , gdp,\n".encode())
    assert read_table(path) == [{"district": "万柏林区", "indicator": "gdp", "note": ""}]


def test_bom_is_accepted(tmp_path):
    path = write(tmp_path, "district,indicator,note\n万柏林区,gdp,x\n".encode("utf-8-sig"))
    assert read_table(path)[0]["district"] == "万柏林区"


def test_cr_only_line_endings_are_read(tmp_path):
    # old Mac files end lines with CR alone: read like LF, with the right line numbers
    path = write(tmp_path, b"district,indicator,note\ra,gdp,x\r\rb,gdp,\"two\rlines\"\rc,gdp,y\r")
    frame = read_frame(path)
    assert frame["district"].tolist() == ["a", "b", "c"]
    assert frame.index.tolist() == [2, 4, 6]          # blank line 3; the cell of row 4 spans lines 4-5
    assert frame.loc[4, "note"] == "two\rlines"


def test_row_numbers_are_line_numbers_with_multiline_cells(tmp_path):
    path = write(tmp_path, HEADER.encode() + b'a,gdp,"one\ntwo\nthree"\nb,gdp\n')
    table = read_records(path)
    assert table.lines == [2, 5]
    assert table.problems == [f"{path} row 5: has 2 cells but the header has 3; quote cells that contain commas"]
    assert refusal(path) == table.problems[0]


def test_long_field_is_refused_in_one_line(tmp_path):
    path = write(tmp_path, HEADER.encode() + b"a,gdp,ok\nb,gdp," + b"x" * 1_000_000 + b"\n")
    assert refusal(path) == (f"{path} row 3, column 'note': a cell of 1,000,000 characters is longer than the "
                             "4,000 accepted; shorten it (or close the quotation mark opened there)")


def test_unclosed_quote_is_a_long_field_not_a_traceback(tmp_path):
    path = write(tmp_path, HEADER.encode() + b'a,gdp,"never closed\n' + b"b,gdp,x\n" * 1000)
    message = refusal(path)
    assert message.startswith(f"{path} row 2, column 'note': a cell of ") and "quotation mark" in message


def test_cp1252_file_is_refused_not_guessed(tmp_path):
    path = write(tmp_path, HEADER.encode() + "a,gdp,café – naïve\n".encode("cp1252"))
    message = refusal(path)
    # é is byte 0xe9 in cp1252, after the 24-byte header and the 9 bytes of "a,gdp,caf"
    assert message.startswith(f"{path} row 2, column 'note': not UTF-8 (byte 0xe9 at offset 33)")
    assert "re-save it as UTF-8" in message and "WINDOWS-1252" in message


def test_gbk_file_is_refused(tmp_path):
    path = write(tmp_path, "district,indicator,note\n万柏林区,gdp,x\n".encode("gbk"))
    message = refusal(path)
    assert message.startswith(f"{path} row 2, column 'district': not UTF-8") and "iconv -f GB18030" in message


def test_utf16_file_is_refused(tmp_path):
    path = write(tmp_path, "district,indicator,note\n".encode("utf-16"))
    assert refusal(path).startswith(f"{path}: is UTF-16, not UTF-8: re-save it as UTF-8")


def test_nul_byte_is_refused(tmp_path):
    path = write(tmp_path, HEADER.encode() + "万柏林区\0,gdp,x\n".encode())
    assert refusal(path) == (f"{path} row 2, column 'district': contains a NUL byte; this is a binary file, "
                             "not a CSV table: export the table again as CSV UTF-8")


def test_duplicate_header_is_refused(tmp_path):
    path = write(tmp_path, b"district,note,indicator,note\na,x,gdp,y\n")
    assert refusal(path) == (f"{path} row 1, column 'note': appears twice in the header (columns 2 and 4); "
                             "delete or rename one")


def test_empty_header_name_is_refused(tmp_path):
    path = write(tmp_path, b"district,indicator,\na,gdp,\n")
    assert refusal(path) == (f"{path} row 1, column 3: the header cell is empty; name the column or delete it "
                             "(a trailing comma?)")


def test_invisible_header_name_is_refused(tmp_path):
    path = write(tmp_path, "district\u200b,indicator\na,gdp\n".encode())
    assert refusal(path) == (f"{path} row 1, column 'district<U+200B>': the header name contains "
                             "U+200B ZERO WIDTH SPACE; retype the name")


@pytest.mark.parametrize("delimiter,label", [(";", "';'"), ("\t", "tab")])
def test_other_delimiters_are_refused_with_a_hint(tmp_path, delimiter, label):
    path = write(tmp_path, delimiter.join(COLUMNS).encode() + b"\n" + delimiter.join(["x"] * 13).encode() + b"\n")
    assert refusal(path) == (f"{path} row 1: the file seems to use {label} as delimiter; save it with ',' "
                             "(spreadsheet: Save As › CSV UTF-8, comma-separated)")


def test_header_names_are_compared_exactly(tmp_path):
    header = ["District"] + COLUMNS[1:]
    path = write(tmp_path, (",".join(header) + "\n" + ",".join(["x"] * len(COLUMNS)) + "\n").encode())
    assert refusal(path, columns=COLUMNS) == (f"{path} row 1, column 'District': unexpected column; header names "
                                              "are compared exactly (lower-case): rename it 'district'")


def test_header_problems_name_unknown_and_missing_columns():
    assert tableio.header_problems(["district", "extra"], ["district", "unit"], "t.csv") == [
        "t.csv row 1, column 'extra': unexpected column; accepted columns: district, unit",
        "t.csv row 1, column 'unit': missing column; the header must have: district, unit"]


def test_directory_is_refused(tmp_path):
    assert refusal(tmp_path) == f"{tmp_path}: is a folder, not a CSV file; remove it or pass the path of a file"


def test_dev_zero_is_refused_without_reading():
    assert refusal("/dev/zero") == ("/dev/zero: is not a regular file (a device, pipe or socket, or a link to one); "
                                    "remove it or pass the path of a CSV file")


def test_fifo_is_refused_without_waiting(tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    assert refusal(fifo).endswith(": is not a regular file (a device, pipe or socket, or a link to one); remove it or pass the path of a CSV file")


def test_missing_file(tmp_path):
    assert refusal(tmp_path / "no.csv") == f"{tmp_path / 'no.csv'}: no such file; pass the path of a CSV file"


def test_oversize_file_is_refused_before_reading(tmp_path, monkeypatch):
    path = write(tmp_path, HEADER.encode() + b"a,gdp,x\n" * 20)       # 24 + 20 × 8 = 184 bytes
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 100)
    assert refusal(path) == (f"{path}: 184 bytes is larger than the 100 accepted for a CSV file; "
                             "split it or pass the right file")


def test_empty_file(tmp_path):
    assert "the file is empty" in refusal(write(tmp_path, b"  \n"))


def test_reader_does_not_import_pandas():
    # the runner's fast path reads tables without pandas
    code = "import sys, analysis.data.tableio; print('pandas' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
