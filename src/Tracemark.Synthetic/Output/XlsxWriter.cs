using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace Tracemark.Synthetic.Output;

/// <summary>
/// Streams an XLSX workbook (SpreadsheetML, inline strings) sheet by sheet.
/// Hand-written on ZipArchive + XmlWriter because DocumentFormat.OpenXml 2.20 only writes through a read/write
/// package, and System.IO.Packaging then buffers every part in memory: 300,000 rows took 657 MB resident
/// (measured 2026-11-22). Zip create mode streams each sheet, so memory stays flat for any row count.
/// </summary>
internal sealed class XlsxWriter : IDisposable
{
    /// <summary>Excel's row limit; callers start a new sheet before it.</summary>
    public const int MaxRows = 1_048_576;

    private const string MainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRelNs = "http://schemas.openxmlformats.org/package/2006/relationships";
    private static readonly XmlWriterSettings Settings = new() { Encoding = new UTF8Encoding(false), CloseOutput = true };

    private readonly ZipArchive _zip;
    private readonly List<string> _sheets = [];
    private XmlWriter? _sheet;
    private int _row;

    public XlsxWriter(Stream output) => _zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);

    public void StartSheet(string name)
    {
        EndSheet();
        _sheets.Add(name);
        var entry = Entry($"xl/worksheets/sheet{_sheets.Count}.xml");
        _sheet = XmlWriter.Create(entry.Open(), Settings);
        _sheet.WriteStartDocument(standalone: true);
        _sheet.WriteStartElement("worksheet", MainNs);
        _sheet.WriteStartElement("sheetData", MainNs);
        _row = 0;
    }

    public void WriteRow(IReadOnlyList<string?> cells)
    {
        var sheet = _sheet ?? throw new InvalidOperationException("StartSheet first");
        _row++;
        var row = _row.ToString(CultureInfo.InvariantCulture);
        sheet.WriteStartElement("row", MainNs);
        sheet.WriteAttributeString("r", row);
        for (var i = 0; i < cells.Count; i++)
        {
            if (string.IsNullOrEmpty(cells[i]))
            {
                continue;
            }

            sheet.WriteStartElement("c", MainNs);
            sheet.WriteAttributeString("r", ColumnName(i) + row);
            sheet.WriteAttributeString("t", "inlineStr");
            sheet.WriteStartElement("is", MainNs);
            sheet.WriteStartElement("t", MainNs);
            sheet.WriteAttributeString("xml", "space", null, "preserve");
            sheet.WriteString(cells[i]);
            sheet.WriteEndElement();
            sheet.WriteEndElement();
            sheet.WriteEndElement();
        }

        sheet.WriteEndElement();
    }

    public void Dispose()
    {
        EndSheet();
        Part("xl/workbook.xml", w =>
        {
            w.WriteStartElement("workbook", MainNs);
            w.WriteAttributeString("xmlns", "r", null, RelNs);
            w.WriteStartElement("sheets", MainNs);
            for (var i = 0; i < _sheets.Count; i++)
            {
                w.WriteStartElement("sheet", MainNs);
                w.WriteAttributeString("name", _sheets[i]);
                w.WriteAttributeString("sheetId", (i + 1).ToString(CultureInfo.InvariantCulture));
                w.WriteAttributeString("id", RelNs, "rId" + (i + 1).ToString(CultureInfo.InvariantCulture));
                w.WriteEndElement();
            }

            w.WriteEndElement();
            w.WriteEndElement();
        });
        Part("xl/_rels/workbook.xml.rels", w =>
        {
            w.WriteStartElement("Relationships", PackageRelNs);
            for (var i = 0; i < _sheets.Count; i++)
            {
                Relationship(w, "rId" + (i + 1).ToString(CultureInfo.InvariantCulture), RelNs + "/worksheet", $"worksheets/sheet{i + 1}.xml");
            }

            w.WriteEndElement();
        });
        Part("_rels/.rels", w =>
        {
            w.WriteStartElement("Relationships", PackageRelNs);
            Relationship(w, "rId1", RelNs + "/officeDocument", "xl/workbook.xml");
            w.WriteEndElement();
        });
        Part("[Content_Types].xml", w =>
        {
            const string ns = "http://schemas.openxmlformats.org/package/2006/content-types";
            w.WriteStartElement("Types", ns);
            Default(w, ns, "rels", "application/vnd.openxmlformats-package.relationships+xml");
            Default(w, ns, "xml", "application/xml");
            Override(w, ns, "/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml");
            for (var i = 0; i < _sheets.Count; i++)
            {
                Override(w, ns, $"/xl/worksheets/sheet{i + 1}.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml");
            }

            w.WriteEndElement();
        });
        _zip.Dispose();
    }

    private void Part(string name, Action<XmlWriter> write)
    {
        using var w = XmlWriter.Create(Entry(name).Open(), Settings);
        w.WriteStartDocument(standalone: true);
        write(w);
        w.WriteEndDocument();
    }

    // A fixed timestamp: the same seed must give the same bytes.
    private ZipArchiveEntry Entry(string name)
    {
        var entry = _zip.CreateEntry(name, CompressionLevel.Fastest);
        entry.LastWriteTime = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        return entry;
    }

    private static void Relationship(XmlWriter w, string id, string type, string target)
    {
        w.WriteStartElement("Relationship", PackageRelNs);
        w.WriteAttributeString("Id", id);
        w.WriteAttributeString("Type", type);
        w.WriteAttributeString("Target", target);
        w.WriteEndElement();
    }

    private static void Default(XmlWriter w, string ns, string extension, string type)
    {
        w.WriteStartElement("Default", ns);
        w.WriteAttributeString("Extension", extension);
        w.WriteAttributeString("ContentType", type);
        w.WriteEndElement();
    }

    private static void Override(XmlWriter w, string ns, string part, string type)
    {
        w.WriteStartElement("Override", ns);
        w.WriteAttributeString("PartName", part);
        w.WriteAttributeString("ContentType", type);
        w.WriteEndElement();
    }

    private void EndSheet()
    {
        if (_sheet is null)
        {
            return;
        }

        _sheet.WriteEndElement();
        _sheet.WriteEndElement();
        _sheet.WriteEndDocument();
        _sheet.Dispose();
        _sheet = null;
    }

    private static string ColumnName(int index)
    {
        var name = string.Empty;
        index++;
        while (index > 0)
        {
            var rem = (index - 1) % 26;
            name = (char)('A' + rem) + name;
            index = (index - 1) / 26;
        }

        return name;
    }
}
