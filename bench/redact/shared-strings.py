#!/usr/bin/env python3
"""Rewrites an XLSX's inline-string cells as shared strings (one table entry per distinct text), as Excel saves
them: `tracemark synth` writes inline strings, so this gives the benchmark of `tracemark redact` on XLSX a workbook
whose shared-string table is large. Usage: shared-strings.py IN.xlsx OUT.xlsx"""
import re
import sys
import zipfile

CELL = re.compile(r'<c r="([A-Z]+[0-9]+)" t="inlineStr"><is><t(?: xml:space="preserve")?>(.*?)</t></is></c>', re.S)
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def main(src: str, dst: str) -> None:
    index: dict[str, int] = {}
    texts: list[str] = []

    def shared(m: re.Match) -> str:
        text = m.group(2)
        if text not in index:
            index[text] = len(texts)
            texts.append(text)
        return f'<c r="{m.group(1)}" t="s"><v>{index[text]}</v></c>'

    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                data = CELL.sub(shared, data.decode("utf-8")).encode("utf-8")
            elif item.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
            elif item.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
            zout.writestr(item, data)
        # The texts are still escaped as the sheet XML had them, so they go into the table as they are.
        body = "".join(f'<si><t xml:space="preserve">{t}</t></si>' for t in texts)
        zout.writestr("xl/sharedStrings.xml", f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="{MAIN}" count="{len(texts)}" uniqueCount="{len(texts)}">{body}</sst>')


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
